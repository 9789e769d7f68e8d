"""Registrations for a synthetic edition (``python -m bench.generate``).

People come from the same word lists as the generated speakers (``texts``);
their addresses are at example.org, which never receives mail. Written with ``bulk_create``:
no history versions and no emails.
"""

import datetime
import random

from django.utils import timezone

from attendees.models import (
    AttendanceMode,
    Category,
    IssuedDocument,
    OrganizationType,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
)
from events.models import Edition

from . import texts
from .edition import raw_delete

REGISTRATIONS = {"normal": 1_000, "large": 10_000}
EMAIL_DOMAIN = "example.org"
# Most registrations have confirmed their address; some have not yet, a few cancelled.
STATUSES = {
    RegistrationStatus.CONFIRMED: 85,
    RegistrationStatus.UNCONFIRMED: 10,
    RegistrationStatus.CANCELLED: 5,
}


def capacity_for(count: int) -> int:
    """On-site seats for ``count`` generated registrations, with room for as many again."""
    return 2 * count


def generate_registrations(*, edition: Edition, count: int, seed: int) -> int:
    """Write ``count`` registrations for ``edition``; call inside a transaction."""
    rng = random.Random(f"{seed}:{edition.year}:attendees")
    now = timezone.now()
    sub_forum_ids = list(edition.sub_forums.order_by("order").values_list("pk", flat=True))
    registrations, choices = [], []
    for number in range(1, count + 1):
        registrations.append(_registration(rng, edition, number, now))
        picked = rng.sample(sub_forum_ids, min(rng.randint(0, 2), len(sub_forum_ids)))
        choices.append(picked)
    Registration.objects.bulk_create(registrations, batch_size=500)
    Registration.sub_forums.through.objects.bulk_create(
        (
            Registration.sub_forums.through(registration_id=registration.pk, subforum_id=pk)
            for registration, picked in zip(registrations, choices, strict=True)
            for pk in picked
        ),
        batch_size=1000,
    )
    return len(registrations)


def _registration(rng, edition: Edition, number: int, now: datetime.datetime) -> Registration:
    person = texts.person(rng)
    organization = texts.affiliation(rng, person.city)
    status = rng.choices(list(STATUSES), weights=list(STATUSES.values()))[0]
    chinese = person.country == "CN" and rng.random() < 0.8
    registration = Registration(
        edition=edition,
        status=status,
        name=person.name,
        name_original=person.name_original,
        email=f"synthetic.{edition.year}.{number:05d}@{EMAIL_DOMAIN}",
        organization=organization[1] if chinese else organization[0],
        organization_type=rng.choice(OrganizationType.values),
        position=rng.choice(texts.POSITIONS)[1 if chinese else 0],
        country=person.country,
        category=rng.choices(Category.values, weights=(4, 4, 3, 1, 1, 1))[0],
        mode=rng.choices(AttendanceMode.values, weights=(7, 3))[0],
        privacy_consent_at=now,
        public_listing_consent=rng.random() < 0.5,
        language="zh-hans" if chinese else "en",
        confirmation_sent_at=now,
    )
    if status == RegistrationStatus.CONFIRMED:
        registration.email_confirmed_at = registration.confirmed_at = now
    elif status == RegistrationStatus.CANCELLED:
        registration.cancelled_at = now
    return registration


def delete_registrations(edition: Edition) -> None:
    """Remove every registration of ``edition`` and what hangs on them, without signals.

    For synthetic editions only: their registrations are generated (or made by the load
    benchmark), so none of their history is worth keeping.
    """
    registrations = Registration.objects.filter(edition=edition)
    raw_delete(IssuedDocument.objects.filter(edition=edition))
    raw_delete(Registration.sub_forums.through.objects.filter(registration__edition=edition))
    raw_delete(Registration.history.filter(edition_id=edition.pk))
    raw_delete(registrations)
    RegistrationSettings.objects.filter(edition=edition).delete()
