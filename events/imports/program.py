"""Writing a frab schedule into an edition's program: rooms, sub-forums, speakers and sessions.

``import_schedule`` is the one way in, for the ``import_schedule`` command and the admin upload.
Everything is matched before anything is written, so a second import of the same file updates
instead of duplicating:

- sessions by GUID within the edition. A GUID that already belongs to a session of *another*
  edition (a program copied from last year on this same site) is stored under a GUID derived
  from it and the edition's year, so the copy is found again by the next import;
- rooms (each edition has its own) by GUID, else by name in either language, among the
  edition's rooms only;
- sub-forums by the track's slug (the file's own, or one made from its name), else by title;
  the track "Plenary" (in either language) or none means a plenary session;
- speakers (shared by all editions) by identity, never by name alone (``identities``): by
  GUID, else by the file's person id within its source; their order in the file is kept.

The whole file is checked first (the edition's dates, room clashes, field lengths) and the
errors name the events; then it is written in one transaction with a fixed number of queries
(bulk inserts and updates in batches), whatever the size of the program.
"""

import uuid
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from events import versions
from events.exports.vocabulary import (
    LIVESTREAM,
    ONLINE,
    REPLAY,
    in_every_language,
    kind_and_name,
    kinds_by_type,
    language_code,
    no_room_words,
    plenary_words,
)
from events.models import (
    Edition,
    Mode,
    Room,
    Session,
    SessionLink,
    SessionSpeaker,
    Speaker,
    SpeakerIdentity,
    SubForum,
)

from . import abstracts, checks, frab, identities, languages, time_zones
from .frab import Event, Person, Schedule, ScheduleError
from .report import Changes, ImportReport
from .time_zones import TimeZoneChoice

BATCH = 500
# The change reason on every history record an import writes.
REASON = "Schedule import"


def import_schedule(
    *,
    edition: Edition,
    schedule: Schedule,
    language: str,
    dry_run: bool = False,
    by=None,
    time_zone: str = TimeZoneChoice.ASK,
) -> ImportReport:
    """Create or update the program of ``edition`` from ``schedule``; texts go to ``language``.

    Side effects, unless ``dry_run``: creates and updates rooms, sub-forums, speakers, sessions
    and their speaker lists, in one transaction, each change recorded in the admin's history
    (by the user ``by``, if given); with ``time_zone=ADOPT``, sets the edition's time zone to
    the file's. Raises ``ScheduleError`` (naming the events) when the file breaks a rule of the
    program, its events are in another of the site's languages than ``language``, or its time
    zone differs from the edition's and ``time_zone`` does not say what to do; then nothing is
    written.
    """
    if refused := languages.disagreements(schedule, language):
        raise ScheduleError(refused)
    with transaction.atomic():
        # One import of an edition at a time: a second one waits, then sees the first's rows.
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        zone_before = edition.time_zone
        time_zones.reconcile(edition, schedule, time_zone)
        plan = _Plan(edition, schedule, language, dry_run)
        if schedule.day_change is not None and schedule.day_change != edition.day_change:
            # The file's conference days decide which day a late session is on: the checks
            # below and the program read the edition's day change, so it follows the file.
            edition.day_change = plan.report.day_change = schedule.day_change
        with translation.override(language):
            plan.match()
        problems = checks.problems(edition, plan.sessions, plan.others)
        if problems:
            raise ScheduleError(problems)
        if not dry_run:
            changed_fields = []
            if edition.time_zone != zone_before:
                changed_fields.append("time_zone")
            if plan.report.day_change is not None:
                changed_fields.append("day_change")
            if changed_fields:
                edition._change_reason, edition._history_user = REASON, by
                edition.save(update_fields=changed_fields)
            plan.write(by=by)
            if plan.report.changes_anything:
                # Bulk writes send no signals: the cached pages are made stale here. Speakers
                # and rooms are shared with other editions, whose pages show them too.
                versions.program_changed()
    return plan.report


def import_schedule_file(
    *,
    edition: Edition,
    data: bytes,
    language: str,
    dry_run: bool = False,
    by=None,
    time_zone: str = TimeZoneChoice.ASK,
) -> ImportReport:
    """Read ``data`` (frab XML or JSON) and import it: ``import_schedule`` for a file's bytes.

    Times without a UTC offset are read on the file's clock, else the edition's. Raises
    ``ScheduleError``.
    """
    schedule = frab.parse(data, default_tz=edition.tzinfo)
    return import_schedule(
        edition=edition,
        schedule=schedule,
        language=language,
        dry_run=dry_run,
        by=by,
        time_zone=time_zone,
    )


def derived_guid(guid: uuid.UUID, edition: Edition) -> uuid.UUID:
    """The GUID a session copied from another edition gets in ``edition``."""
    return uuid.uuid5(guid, f"edition:{edition.year}")


class _Plan:
    def __init__(self, edition: Edition, schedule: Schedule, language: str, dry_run: bool):
        self.edition = edition
        self.schedule = schedule
        self.language = language
        self.report = ImportReport(edition=edition, dry_run=dry_run)
        self.rooms: dict[tuple, Room | None] = {}
        self.sub_forums: dict[str, SubForum | None] = {}
        self.speakers: dict[tuple, Speaker] = {}
        self.sessions: list[tuple[Event, Session]] = []
        self.new: dict[type, list] = defaultdict(list)
        # Objects to update, by model, each once (keyed by identity: new ones have no pk).
        self.changed: dict[type, dict[int, object]] = defaultdict(dict)
        self.links_to_create: list[SessionSpeaker] = []
        self.links_to_update: list[SessionSpeaker] = []
        self.links_to_delete: list[int] = []
        self.others: list[Session] = []
        self.new_identities: list[SpeakerIdentity] = []
        # A session's links and attachments are replaced as a whole when they differ.
        self.references_to_create: list[SessionLink] = []
        self.references_to_delete: list[int] = []

    def field(self, name: str) -> str:
        return build_localized_fieldname(name, self.language)

    def set_text(self, obj, name: str, value: str) -> bool:
        """Write ``value`` into the import language's ``name``; whether it changed anything.

        A text equal to what visitors already read (the other language, by fallback) is not
        copied: importing the Chinese export of an English-only program changes nothing.
        """
        current = getattr(obj, self.field(name)) or ""
        if current == value or (not current and value == (getattr(obj, name) or "")):
            return False
        setattr(obj, self.field(name), value)
        return True

    # --- matching (reads only) ------------------------------------------------------------

    def match(self) -> None:
        self._match_rooms()
        self._match_sub_forums()
        self._match_speakers()
        self._match_sessions()

    def _room_key(self, event: Event) -> tuple:
        return (event.room_guid, event.room)

    def _match_rooms(self) -> None:
        virtual = no_room_words()
        keys = {self._room_key(e): None for e in self.schedule.events}
        # Some tools give several rooms one GUID (pretalx's demo export does): such a GUID
        # tells nothing, and the rooms are matched by name instead.
        names_by_guid = defaultdict(set)
        for guid, name in keys:
            names_by_guid[guid].add(name)
        shared = {guid for guid, names in names_by_guid.items() if guid and len(names) > 1}
        for event in self.schedule.events:
            if event.room_guid in shared:
                event.room_guid = None
        keys = {self._room_key(e): None for e in self.schedule.events}
        names = {name for guid, name in keys}
        guids = {guid for guid, name in keys if guid}
        # Rooms belong to an edition: only this edition's are matched, and a GUID another
        # edition's room holds (a program copied on this site) is stored as one derived from it.
        guids |= {derived_guid(guid, self.edition) for guid in guids}
        mine_or_guid = (Q(edition=self.edition) & _in_any_language("name", names)) | Q(
            guid__in=guids
        )
        by_guid, by_name, elsewhere = {}, {}, set()
        for room in Room.objects.filter(mine_or_guid).order_by("pk"):
            if room.edition_id != self.edition.pk:
                elsewhere.add(room.guid)
                continue
            by_guid[room.guid] = room
            for name in _texts(room, "name"):
                by_name.setdefault(name, room)
        name_field = self.field("name")
        for guid, name in keys:
            mine = derived_guid(guid, self.edition) if guid in elsewhere else guid
            room = by_guid.get(mine) or by_name.get(name)
            if room is None and guid is None and name.casefold() in virtual:
                self.rooms[(guid, name)] = None
                continue
            if room is None:
                room = Room(edition=self.edition, guid=mine or uuid.uuid4(), **{name_field: name})
                by_guid[room.guid] = by_name[name] = room
                self._created(room, self.report.rooms, name)
            elif guid and room.guid == mine and self.set_text(room, "name", name):
                self._updated(room, self.report.rooms, name)
            else:
                self._same(room, self.report.rooms)
            self.rooms[(guid, name)] = room

    def _match_sub_forums(self) -> None:
        plenary = plenary_words()
        tracks = {e.track: None for e in self.schedule.events if e.track}
        existing = list(self.edition.sub_forums.order_by("order", "pk"))
        by_slug = {sub_forum.slug: sub_forum for sub_forum in existing}
        by_title = {}
        for sub_forum in existing:
            for title in _texts(sub_forum, "title"):
                by_title.setdefault(title, sub_forum)
        order = max((sub_forum.order for sub_forum in existing), default=0)
        title_field = self.field("title")
        for name in tracks:
            if name.casefold() in plenary:
                self.sub_forums[name] = None
                continue
            slug = self._track_slug(name)
            sub_forum = by_slug.get(slug) or by_title.get(name)
            if sub_forum is None:
                order += 1
                slug = _unique(slug, by_slug)
                sub_forum = SubForum(
                    edition=self.edition, slug=slug, order=order, **{title_field: name}
                )
                by_slug[slug] = by_title[name] = sub_forum
                self._created(sub_forum, self.report.sub_forums, name)
            elif self.set_text(sub_forum, "title", name):
                self._updated(sub_forum, self.report.sub_forums, name)
            else:
                self._same(sub_forum, self.report.sub_forums)
            self.sub_forums[name] = sub_forum

    def _track_slug(self, name: str) -> str:
        given = self.schedule.track_slugs.get(name, "")
        slug = slugify(given) if given else slugify(name)
        # A name in Chinese characters has no ASCII slug: one made from the name stays stable.
        return slug[:90].strip("-") or f"track-{uuid.uuid5(uuid.NAMESPACE_URL, name).hex[:8]}"

    def _person_key(self, person: Person) -> tuple:
        return identities.key_of(person)

    def _match_speakers(self) -> None:
        """Each person of the file to a speaker by identity (see ``identities``), never by
        name alone; people nobody knows become new speakers with their identity kept."""
        persons = {}
        for event in self.schedule.events:
            for person in event.persons:
                persons.setdefault(self._person_key(person), person)
        aliases = identities.aliases(persons)
        for key in aliases:
            del persons[key]
        source = identities.source_of(self.schedule, self.edition)
        guids = {p.guid for p in persons.values() if p.guid}
        ids = {identities.external_id(p) for p in persons.values()}
        names = {p.name for p in persons.values()}
        by_guid, namesakes = {}, set()
        for speaker in Speaker.objects.filter(Q(guid__in=guids) | Q(name__in=names)):
            namesakes.add(speaker.name)
            if speaker.guid in guids:
                by_guid[speaker.guid] = speaker
        known = SpeakerIdentity.objects.filter(source=source, external_id__in=ids)
        by_id = {i.external_id: i.speaker for i in known.select_related("speaker")}
        slugs = set(Speaker.objects.values_list("slug", flat=True)) if persons else set()
        biography_field = self.field("biography")
        for key, person in persons.items():
            identity = identities.external_id(person)
            speaker = by_guid.get(person.guid) if person.guid else None
            if speaker is None and (person.id or not person.guid):
                speaker = by_id.get(identity)
            if speaker is None:
                slug = _unique(slugify(person.name)[:100] or "speaker", slugs, limit=120)
                slugs.add(slug)
                speaker = Speaker(
                    guid=person.guid or uuid.uuid4(),
                    name=person.name,
                    slug=slug,
                    **{biography_field: person.biography},
                )
                if person.guid:
                    by_guid[person.guid] = speaker
                self._created(speaker, self.report.speakers, person.name)
                if person.name in namesakes:
                    self.report.namesakes.append((person.name, source, identity))
            else:
                changed = False
                # The file renames only the speaker its GUID names: a speaker the organizer
                # matched to a person id keeps the name the site gives them.
                if person.guid and speaker.guid == person.guid and speaker.name != person.name:
                    speaker.name, changed = person.name, True
                if person.biography and self.set_text(speaker, "biography", person.biography):
                    changed = True
                if changed:
                    self._updated(speaker, self.report.speakers, person.name)
                elif id(speaker) not in self.changed[Speaker]:
                    self._same(speaker, self.report.speakers)
            if (person.id or not person.guid) and identity not in by_id:
                by_id[identity] = speaker
                self.new_identities.append(
                    SpeakerIdentity(speaker=speaker, source=source, external_id=identity)
                )
            self.speakers[key] = speaker
        for key, same in aliases.items():
            self.speakers[key] = self.speakers[same]

    def _match_sessions(self) -> None:
        events = self.schedule.events
        guids = [e.guid for e in events]
        # Room and sub-forum come along: comparing and clash checks read them, query-free.
        rows = Session.objects.filter(Q(edition=self.edition) | Q(guid__in=guids)).select_related(
            "room", "sub_forum"
        )
        ours, elsewhere = {}, set()
        for session in rows:
            if session.edition_id == self.edition.pk:
                ours[session.guid] = session
            else:
                elsewhere.add(session.guid)
        matched = [ours.get(e.guid) or ours.get(derived_guid(e.guid, self.edition)) for e in events]
        links = defaultdict(dict)
        for link in SessionSpeaker.objects.filter(session__edition=self.edition).order_by("pk"):
            links[link.session_id].setdefault(link.speaker_id, link)
        references = defaultdict(list)
        for reference in SessionLink.objects.filter(session__edition=self.edition).order_by(
            "kind", "order", "pk"
        ):
            references[reference.session_id].append(reference)
        kinds = kinds_by_type()
        online = in_every_language(ONLINE)
        self.media_words = {
            "livestream_url": in_every_language(LIVESTREAM),
            "replay_url": in_every_language(REPLAY),
        }
        for event, session in zip(events, matched, strict=True):
            if session is None:
                guid = derived_guid(event.guid, self.edition) if event.guid in elsewhere else None
                session = Session(edition=self.edition, guid=guid or event.guid)
                if event.room.casefold() in online and not event.room_guid:
                    session.delivery = Mode.ONLINE
            changed = self._apply(event, session, kinds)
            changed |= self._relink(event, session, links.get(session.pk, {}))
            changed |= self._replace_references(event, session, references.get(session.pk, []))
            if session.pk is None:
                self._created(session, self.report.sessions, event.title)
            elif changed:
                self._updated(session, self.report.sessions, event.title)
            else:
                self._same(session, self.report.sessions)
            self.sessions.append((event, session))
        seen = {session.pk for session in matched if session}
        self.others = [s for s in ours.values() if s.pk not in seen]
        self.report.not_in_file = len(self.others)

    def _apply(self, event: Event, session: Session, kinds) -> bool:
        """Set the file's values on ``session``; whether any differed."""
        changed = self.set_text(session, "title", event.title)
        changed |= self.set_text(session, "abstract", abstracts.as_rich_text(event.abstract))
        changed |= self.set_text(session, "subtitle", event.subtitle)
        changed |= self.set_text(session, "description", abstracts.as_rich_text(event.description))
        values = {
            "start": event.start,
            "end": event.end,
            "room": self.rooms[self._room_key(event)],
            "sub_forum": self.sub_forums.get(event.track),
        }
        if event.type or session.pk is None:
            values["kind"], values["kind_name"] = kind_and_name(event.type, kinds)
        # A language the file does not give (or that Django does not know) leaves the
        # session's as it is.
        if language := language_code(event.language):
            values["language"] = language
        for name, value in values.items():
            if getattr(session, name) != value:
                setattr(session, name, value)
                changed = True
        return changed

    def _relink(self, event: Event, session: Session, existing: dict) -> bool:
        """Plan the speaker list of ``session`` as the file orders it; whether it changes."""
        wanted = []
        for person in event.persons:
            speaker = self.speakers[self._person_key(person)]
            if speaker not in wanted:
                wanted.append(speaker)
        in_order = sorted(existing.values(), key=lambda link: (link.order, link.pk))
        if [link.speaker_id for link in in_order] == [speaker.pk for speaker in wanted]:
            return False  # Already so; the numbers themselves may differ (1, 2… or gaps).
        changed = False
        kept = set()
        for order, speaker in enumerate(wanted):
            link = existing.get(speaker.pk) if speaker.pk else None
            if link is None:
                self.links_to_create.append(
                    SessionSpeaker(session=session, speaker=speaker, order=order)
                )
                changed = True
            else:
                kept.add(speaker.pk)
                if link.order != order:
                    link.order = order
                    self.links_to_update.append(link)
                    changed = True
        removed = [link.pk for speaker_pk, link in existing.items() if speaker_pk not in kept]
        self.links_to_delete += removed
        return changed or bool(removed)

    def _replace_references(self, event: Event, session: Session, existing: list) -> bool:
        """Plan the links and attachments of ``session`` as the file lists them; whether they
        change (then they are replaced as a whole, in the file's order)."""
        # The exports list a public livestream and replay among the links, under these
        # titles: they come back as the session's livestream and replay, public as they were.
        media = {}
        for title, url in event.links:
            for name, words in self.media_words.items():
                if title.casefold() in words:
                    media.setdefault(name, url)
        changed = False
        for name, url in media.items():
            if getattr(session, name) != url:
                setattr(session, name, url)
                session.link_visibility = Session.Visibility.PUBLIC
                changed = True
        wanted = [
            (kind, title, url)
            for kind, items in (
                (SessionLink.Kind.ATTACHMENT, event.attachments),
                (SessionLink.Kind.LINK, event.links),
            )
            for title, url in items
            if url not in media.values()
        ]
        # Titles compared as visitors of the import's language read them (with the fallback).
        if [(r.kind, r.title, r.url) for r in existing] == wanted:
            return changed
        # A link still there (same kind and address) keeps its titles in the other languages.
        earlier = defaultdict(list)
        for reference in existing:
            earlier[reference.kind, reference.url].append(reference)
        self.references_to_delete += [reference.pk for reference in existing]
        for order, (kind, title, url) in enumerate(wanted):
            reference = SessionLink(session=session, kind=kind, url=url, order=order)
            if earlier[kind, url]:
                before = earlier[kind, url].pop(0)
                for name in _translations("title"):
                    setattr(reference, name, getattr(before, name))
            self.set_text(reference, "title", title)
            self.references_to_create.append(reference)
        return True

    def _created(self, obj, changes: Changes, name: str) -> None:
        self.new[type(obj)].append(obj)
        changes.created.append(name)

    def _updated(self, obj, changes: Changes, name: str) -> None:
        if obj.pk is None or id(obj) in self.changed[type(obj)]:
            return  # Already counted (created, or updated by an earlier event).
        self.changed[type(obj)][id(obj)] = obj
        changes.updated.append(name)

    def _same(self, obj, changes: Changes) -> None:
        changes.unchanged += 1

    # --- writing ----------------------------------------------------------------------------

    def write(self, *, by=None) -> None:
        # Through django-simple-history's bulk helpers, so that an import is in the admin's
        # history like any other change (one record per row, in batches), attributed to ``by``.
        def create(model, objs):
            bulk_create_with_history(
                objs, model, batch_size=BATCH, default_user=by, default_change_reason=REASON
            )

        def update(model, objs, fields):
            objs = list(objs)
            if objs:
                bulk_update_with_history(
                    objs,
                    model,
                    fields,
                    batch_size=BATCH,
                    default_user=by,
                    default_change_reason=REASON,
                )

        create(Room, self.new[Room])
        update(Room, self.changed[Room].values(), [self.field("name")])
        create(SubForum, self.new[SubForum])
        update(SubForum, self.changed[SubForum].values(), [self.field("title")])
        create(Speaker, self.new[Speaker])
        update(Speaker, self.changed[Speaker].values(), ["name", self.field("biography")])
        for identity in self.new_identities:
            identity.speaker = identity.speaker  # Speakers created above have their keys now.
        SpeakerIdentity.objects.bulk_create(self.new_identities, batch_size=BATCH)
        for _event, session in self.sessions:
            # Rooms and sub-forums created above have their keys only now.
            session.room = session.room
            session.sub_forum = session.sub_forum
        create(Session, self.new[Session])
        fields = [
            self.field("title"),
            self.field("abstract"),
            "start",
            "end",
            "room",
            "sub_forum",
            "kind",
            self.field("subtitle"),
            self.field("description"),
            "kind_name",
            "language",
            "livestream_url",
            "replay_url",
            "link_visibility",
        ]
        update(Session, self.changed[Session].values(), fields)
        if self.links_to_delete:
            # Deleted one by one with their signals: the history records each deletion.
            SessionSpeaker.objects.filter(pk__in=self.links_to_delete).delete()
        for link in self.links_to_create:
            # Sessions and speakers created above have their keys only now.
            link.session, link.speaker = link.session, link.speaker
        create(SessionSpeaker, self.links_to_create)
        update(SessionSpeaker, self.links_to_update, ["order"])
        if self.references_to_delete:
            SessionLink.objects.filter(pk__in=self.references_to_delete).delete()
        for reference in self.references_to_create:
            reference.session = reference.session  # created above: its key only now
        create(SessionLink, self.references_to_create)


def _in_any_language(name: str, values) -> Q:
    query = Q()
    for code in AVAILABLE_LANGUAGES:
        query |= Q(**{f"{build_localized_fieldname(name, code)}__in": values})
    return query


def _translations(name: str) -> list[str]:
    """The per-language fields of ``name``: ``title_en``, ``title_zh_hans``."""
    return [build_localized_fieldname(name, code) for code in AVAILABLE_LANGUAGES]


def _texts(obj, name: str) -> list[str]:
    """``name`` of ``obj`` in every language it has."""
    values = (getattr(obj, build_localized_fieldname(name, code)) for code in AVAILABLE_LANGUAGES)
    return [value for value in values if value]


def _unique(slug: str, taken, limit: int = 100) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when it is taken."""
    candidate, number = slug[:limit], 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = slug[: limit - len(suffix)] + suffix
    return candidate
