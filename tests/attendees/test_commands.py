import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from attendees.models import Registration
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_cleanup_deletes_only_expired_unconfirmed_registrations(open_edition, settings):
    old = timezone.now() - settings.ATTENDEES_CONFIRMATION_MAX_AGE - datetime.timedelta(hours=1)
    expired = RegistrationFactory(edition=open_edition, confirmation_sent_at=old)
    fresh = RegistrationFactory(edition=open_edition)
    confirmed = RegistrationFactory(
        edition=open_edition, confirmation_sent_at=old, status=Registration.Status.CONFIRMED
    )
    call_command("cleanup_unconfirmed", verbosity=0)
    remaining = set(Registration.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, confirmed.pk}
    assert expired.pk not in remaining


def test_cleanup_dry_run_deletes_nothing(open_edition, settings, capsys):
    old = timezone.now() - settings.ATTENDEES_CONFIRMATION_MAX_AGE - datetime.timedelta(hours=1)
    RegistrationFactory(edition=open_edition, confirmation_sent_at=old)
    call_command("cleanup_unconfirmed", "--dry-run")
    assert "1 expired" in capsys.readouterr().out
    assert Registration.objects.count() == 1
