"""Writes the demo conference into the database, creating or refreshing each row by its key.

Rows are found by natural keys (series slug, edition year, organization and room English
names, speaker and page slugs, ...) and written only when a value differs, so a second run
changes nothing. Rows the demo no longer describes are left alone, except sample sessions of
the 2022 edition and the speakers of a demo session, which follow the data exactly.
"""

import datetime
import zoneinfo
from collections import Counter

from django.db import models, transaction
from django.utils import timezone

from events.models import (
    Edition,
    NewsArticle,
    Organization,
    OrganizerRole,
    Page,
    Room,
    Series,
    Session,
    SessionSpeaker,
    Speaker,
    SubForum,
    Topic,
)
from events.richtext import sanitize
from events.signals import demo_loaded

from . import artwork, data_2019, data_2022, news, pages, people_2022, program_2022

# Saving sanitizes these columns; comparing the sanitized value keeps a rerun a no-op.
RICH_TEXT_PREFIXES = ("description_", "body_")

# ``load_demo --open-registration``: the 2022 window, in days around today.
REGISTRATION_OPENED_DAYS_AGO = 30
REGISTRATION_CLOSES_IN_DAYS = 60


class DemoLoader:
    def __init__(self, *, open_registration: bool = False):
        self.open_registration = open_registration
        self.counts = Counter(created=0, updated=0, unchanged=0, removed=0)

    def upsert(self, model, lookup: dict, values: dict, *, clean_exclude=()):
        """The row matching ``lookup`` with ``values`` written; returns (row, was_created)."""
        values = {
            name: sanitize(value) if name.startswith(RICH_TEXT_PREFIXES) else value
            for name, value in values.items()
        }
        row = model.objects.filter(**lookup).first()
        if row is None:
            row, created = model(**{**values, **lookup}), True
        else:
            changed = {k: v for k, v in values.items() if not _same(row, k, v)}
            if not changed:
                self.counts["unchanged"] += 1
                return row, False
            for name, value in changed.items():
                setattr(row, name, value)
            created = False
        row.full_clean(exclude=list(clean_exclude))
        row.save()
        self.counts["created" if created else "updated"] += 1
        return row, created

    def set_many(self, row, created: bool, name: str, targets: list):
        """Make the many-to-many ``name`` of ``row`` exactly ``targets``."""
        manager = getattr(row, name)
        if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
            manager.set(targets)
            if not created:
                self.counts["updated"] += 1

    def load(self) -> Counter:
        series, _ = self.upsert(Series, {"slug": data_2022.SERIES["slug"]}, data_2022.SERIES)
        orgs = {
            o["name_en"]: self.upsert(Organization, {"name_en": o["name_en"]}, o)[0]
            for o in data_2022.ORGANIZATIONS
        }
        neu = orgs[data_2022.NEU]
        self.artwork(neu, "logo", f"demo-logo-{neu.short_name_en}.png", artwork.logo("NEU"))
        edition_2019 = self.edition(data_2019.EDITION, series=series, host=neu)
        self.artwork(edition_2019, "cover", "demo-cover-2019.png", artwork.cover("2019"))
        edition_2022 = data_2022.EDITION
        if self.open_registration:
            edition_2022 = {**edition_2022, **open_registration_window(edition_2022["time_zone"])}
        edition = self.edition(edition_2022, series=series, host=neu)
        self.artwork(edition, "cover", "demo-cover-2022.png", artwork.cover("2022"))
        for order, (name, role) in enumerate(data_2022.ROLES, start=1):
            self.upsert(
                OrganizerRole,
                {"edition": edition, "organization": orgs[name], "role": role},
                {"order": order},
            )
        topics = {
            title_en: self.upsert(
                Topic,
                {"edition": edition, "title_en": title_en},
                {"title_zh_hans": title_zh, "order": order},
            )[0]
            for order, (title_en, title_zh) in enumerate(data_2022.TOPICS, start=1)
        }
        rooms = {
            key: self.upsert(Room, {"edition": edition, "name_en": room["name_en"]}, room)[0]
            for key, room in data_2022.ROOMS.items()
        }
        speakers = {
            s["slug"]: self.upsert(Speaker, {"slug": s["slug"]}, s)[0] for s in people_2022.SPEAKERS
        }
        sub_forums = {}
        for data in data_2022.SUB_FORUMS:
            values = {k: v for k, v in data.items() if k not in ("topic", "room", "chairs")}
            values.update(host=neu, room=rooms[data["room"]])
            sub_forum, created = self.upsert(
                SubForum, {"edition": edition, "slug": data["slug"]}, values
            )
            self.set_many(sub_forum, created, "topics", [topics[data["topic"]]])
            self.set_many(sub_forum, created, "chairs", [speakers[s] for s in data["chairs"]])
            sub_forums[data["slug"]] = sub_forum
        # Sample sessions the program no longer lists (a retitled one, say) would hold their
        # room and clash with their replacement; the demo owns them, so they go.
        titles = [data["title_en"] for data in program_2022.SESSIONS]
        stale = Session.objects.filter(edition=edition, is_sample=True).exclude(title_en__in=titles)
        self.counts["removed"] += stale.delete()[1].get(Session._meta.label, 0)
        for data in program_2022.SESSIONS:
            self.session(edition, data, rooms=rooms, sub_forums=sub_forums, speakers=speakers)
        for article in news.ARTICLES:
            self.upsert(NewsArticle, {"slug": article["slug"]}, {**article, "edition": edition})
        for page in pages.SERIES_PAGES:
            self.upsert(Page, {"slug": page["slug"], "edition": None}, page)
        for page in pages.EDITION_PAGES_2022:
            # A demo loaded before pages belonged to editions has them as series pages: moved.
            for stale in Page.objects.filter(slug=page["slug"], edition=None):
                stale.edition = edition
                stale.save()
            self.upsert(Page, {"slug": page["slug"], "edition": edition}, page)
        # The other apps' sample data (events/signals.py), in this transaction and these counts.
        demo_loaded.send(
            sender=DemoLoader, loader=self, editions={2019: edition_2019, 2022: edition}
        )
        return self.counts

    def artwork(self, row, field: str, name: str, content) -> None:
        """Give ``row`` the demo's generated picture where it has none (organizers' own stay)."""
        if getattr(row, field):
            return
        getattr(row, field).save(name, content, save=False)
        row.save(update_fields=[field])
        self.counts["updated"] += 1

    def edition(self, data: dict, **relations) -> Edition:
        # Edition.save() unmarks any other current edition, so the "one current" constraint
        # is left to it rather than to validation, which would refuse the switch.
        edition, _ = self.upsert(
            Edition, {"year": data["year"]}, {**data, **relations}, clean_exclude=["is_current"]
        )
        return edition

    def session(self, edition, data, *, rooms, sub_forums, speakers):
        values = {k: v for k, v in data.items() if k not in ("speakers", "start", "end")}
        values.update(
            edition=edition,
            start=_local(edition, data["start"]),
            end=_local(edition, data["end"]),
            room=rooms[data["room"]] if data["room"] else None,
            sub_forum=sub_forums[data["sub_forum"]] if data["sub_forum"] else None,
        )
        session, _ = self.upsert(
            Session, {"edition": edition, "title_en": data["title_en"]}, values
        )
        wanted = [speakers[slug] for slug in data["speakers"]]
        for order, speaker in enumerate(wanted, start=1):
            self.upsert(SessionSpeaker, {"session": session, "speaker": speaker}, {"order": order})
        removed, _ = session.session_speakers.exclude(speaker__in=wanted).delete()
        self.counts["removed"] += removed


def open_registration_window(time_zone: str) -> dict:
    """A registration window open around today: from 30 days ago to 60 days ahead.

    Both ends are midnights in the edition's time zone, so loading twice on the same day
    writes the same values and changes nothing.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    today = timezone.localdate(timezone=zone)

    def midnight(days: int) -> datetime.datetime:
        return datetime.datetime.combine(
            today + datetime.timedelta(days=days), datetime.time.min, tzinfo=zone
        )

    return {
        "registration_opens": midnight(-REGISTRATION_OPENED_DAYS_AGO),
        "registration_closes": midnight(REGISTRATION_CLOSES_IN_DAYS),
    }


def _local(edition: Edition, clock: str) -> datetime.datetime:
    """``"09:30"`` on the edition's first day, in the edition's time zone."""
    return datetime.datetime.combine(
        edition.start_date, datetime.time.fromisoformat(clock), tzinfo=edition.tzinfo
    )


def _same(row: models.Model, name: str, value) -> bool:
    field = row._meta.get_field(name)
    current = getattr(row, field.attname)
    if field.is_relation:
        return current == (value.pk if value is not None else None)
    return field.get_prep_value(current) == field.get_prep_value(value)


def load_demo(*, open_registration: bool = False) -> Counter:
    """Create or refresh the demo conference in one transaction; returns the row counts.

    With ``open_registration``, the 2022 edition takes registrations now (its historical
    window closed in 2022), so the registration journey can be tried on the demo.
    """
    with transaction.atomic():
        return DemoLoader(open_registration=open_registration).load()
