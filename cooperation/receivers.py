"""Cooperation's answers to signals: the board's cached pages, and attendees' personal data."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from attendees import signals as attendee_signals
from attendees.models import Registration
from events.signals import demo_loaded
from events.versions import content_changed

from . import demo, personal, services
from .models import CooperationItem, MeetingRequest
from .scopes import COOPERATION


@receiver(post_save, sender=CooperationItem, dispatch_uid="cooperation.item_saved")
@receiver(post_delete, sender=CooperationItem, dispatch_uid="cooperation.item_deleted")
def _item_changed(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        content_changed(COOPERATION, using=using)


@receiver(m2m_changed, sender=CooperationItem.topics.through, dispatch_uid="cooperation.topics")
def _item_topics_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        content_changed(COOPERATION, using=using)


@receiver(
    attendee_signals.personal_page_sections, sender=Registration, dispatch_uid="cooperation.page"
)
def _personal_page_section(sender, registration, token, **kwargs):
    return personal.page_section(registration, token)


@receiver(
    attendee_signals.personal_data_export, sender=Registration, dispatch_uid="cooperation.export"
)
def _personal_data(sender, registration, **kwargs):
    return "cooperation", personal.exported_data(registration)


@receiver(
    attendee_signals.personal_data_erasing, sender=Registration, dispatch_uid="cooperation.erase"
)
def _erase(sender, registration, **kwargs):
    # The items' texts and contact person may name the attendee: they go, with their history
    # and the requests about them; so do the requests the attendee sent.
    CooperationItem.objects.filter(owner=registration).delete()
    MeetingRequest.objects.filter(requester=registration).delete()


@receiver(
    attendee_signals.registration_cancelled,
    sender=Registration,
    dispatch_uid="cooperation.registration_cancelled",
)
def _registration_cancelled(sender, registration, **kwargs):
    services.withdraw_attendee(registration=registration)


@receiver(demo_loaded, dispatch_uid="cooperation.demo")
def _demo_loaded(sender, loader, editions, **kwargs):
    demo.load(loader, editions)
