"""Reactions to changes in the `events` app, which cannot call `attendees` itself."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from events import versions
from events.models import Edition, SubForum

from . import tasks
from .models import Registration, RegistrationSettings, RegistrationStatus


def _promote_after_commit(edition_id: int) -> None:
    """Once the change is saved, a worker gives any places it freed to the waitlist.

    Not the organizer's request: promoting locks the edition and emails each promoted attendee.
    """
    if Registration.objects.filter(edition_id=edition_id).waitlisted().exists():
        tasks.enqueue(tasks.promote_waitlist, edition_id)


@receiver(post_save, sender=Edition, dispatch_uid="attendees.promote_on_edition_save")
def edition_saved(sender, instance, created, raw, **kwargs):
    # Any save may have raised the on-site capacity; promoting when nothing is free is a no-op.
    if not created and not raw:
        _promote_after_commit(instance.pk)


@receiver(post_save, sender=SubForum, dispatch_uid="attendees.promote_on_sub_forum_save")
@receiver(post_delete, sender=SubForum, dispatch_uid="attendees.promote_on_sub_forum_delete")
def sub_forum_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _promote_after_commit(instance.edition_id)


@receiver(post_save, sender=RegistrationSettings, dispatch_uid="attendees.promote_on_settings_save")
def registration_settings_saved(sender, instance, raw, **kwargs):
    if not raw:
        _promote_after_commit(instance.edition_id)


@receiver(post_save, sender=Registration, dispatch_uid="attendees.figures_version_on_save")
@receiver(post_delete, sender=Registration, dispatch_uid="attendees.figures_version_on_delete")
def registration_changed(sender, instance, raw=False, using=None, **kwargs):
    # The home and edition pages count registrations holding a place (attendees/stats.py),
    # and only they: a registration refreshes the figures' scope, not the program's. An
    # unconfirmed one never held a place, so the flood of new sign-ups leaves cached pages
    # alone; any other change (confirmed, cancelled, moved to the waitlist, details edited) may
    # alter the figures.
    if not raw and instance.status != RegistrationStatus.UNCONFIRMED:
        versions.content_changed(versions.REGISTRATIONS, using=using)
