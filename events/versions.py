"""Versions of what public pages show, by scope: a cached copy is filed under the tokens of the
scopes its page shows, and a change replaces the tokens of the scopes it touches.

Scopes (``ContentVersion.scope``):

- ``SITE``: what the frame of every page shows (editions, series, menu pages, the privacy page).
  Every cached page depends on it, so replacing it makes every copy stale; ``content_changed()``
  without a scope does that (a restore, the benchmark's generator).
- ``edition_scope(year)``: the program of one edition (sub-forums, sessions, their speakers and
  rooms, focus fields, organizers). Pages under ``/<year>/`` depend on their year's scope only.
- ``PROGRAM``: any edition's program, replaced with every edition scope, for the pages that show
  more than one edition (the home page shows the current one, which a page only learns by asking
  the database; the archive, the sitemap, the API).
- ``NEWS``, ``PAGES``: news articles; organizer-written pages.
- ``REGISTRATIONS``: the figures counted from registrations (the home and edition pages), which
  ``attendees`` replaces when a registration is confirmed, cancelled or changed.

Model saves and deletes of this app replace the scopes of the row as it was and as it is, through
signals (``connect_signals``), in the transaction of the change; bulk writers call
``content_changed`` or ``program_changed`` themselves. Because the token changes with the
content, a request that read the new token can never have read the old content.

Every scope is a row in the database rather than a key in a cache, so all processes see the same
tokens whatever the cache backend; ``current_token`` reads any number of them in one query.
"""

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal

from .models import ContentVersion, Edition
from .models.content_version import new_token

SITE = "site"
PROGRAM = "program"
NEWS = "news"
PAGES = "pages"
REGISTRATIONS = "registrations"
# A page's own edition, filled in from its address's ``year`` by the page cache.
EDITION = "edition:{year}"
# Sent with ``scopes`` and ``using`` after a change replaced them, in the change's transaction:
# what is built ahead from content (events/edition_files.py) schedules its rebuild.
scopes_replaced = Signal()
# Written for a scope that was never replaced: it still differs from every token written later.
MISSING_TOKEN = "-"

# The privacy page is linked from every page's footer (events/context_processors.py).
_FRAME_PAGE = Q(in_menu=True) | Q(slug__in=["privacy", "contact"])  # the menu and the footer

# How a row of each model reaches the editions whose pages show it: lookups ending in the
# edition's year. Speakers, rooms and organizations are shared by editions; a change to one of
# them shows on every edition it takes part in.
_EDITION_YEARS = {
    "Session": ("edition__year",),
    "SubForum": ("edition__year",),
    "Topic": ("edition__year",),
    "OrganizerRole": ("edition__year",),
    "SessionSpeaker": ("session__edition__year",),
    "Speaker": ("sessions__edition__year", "chaired_sub_forums__edition__year"),
    "Room": ("edition__year",),
    "Organization": (
        "hosted_editions__year",
        "hosted_sub_forums__edition__year",
        "roles__edition__year",
    ),
}
_CONSTANT_SCOPES = {"Edition": {SITE}, "Series": {SITE}, "NewsArticle": {NEWS}}


def edition_scope(year: int | str) -> str:
    return EDITION.format(year=year)


def is_edition_scope(scope: str) -> bool:
    return scope.startswith(EDITION.partition("{")[0])


def current_token(*scopes: str, using: str = DEFAULT_DB_ALIAS) -> str:
    """The tokens of ``scopes``, in their order, as one string, read in one query.

    It changes whenever any of the scopes is replaced: file a copy of something that shows
    these scopes under it (``current_token(SITE, edition_scope(2022))`` for an edition's
    program documents, see ``edition_token``).
    """
    connection = connections[using]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    placeholders = ", ".join(["%s"] * len(scopes))
    # Plain SQL: this runs on every cached request, and building the ORM query cost more than
    # running it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, token FROM {table} WHERE scope IN ({placeholders})", scopes)
        tokens = dict(cursor.fetchall())
    return ".".join(tokens.get(scope, MISSING_TOKEN) for scope in scopes)


def edition_token(year: int, *, using: str = DEFAULT_DB_ALIAS) -> str:
    """The version of everything an edition's program pages and documents show."""
    return current_token(SITE, edition_scope(year), using=using)


def content_changed(*scopes: str, using: str | None = None) -> None:
    """Make the copies that show ``scopes`` stale, as part of the current transaction.

    Without a scope, every copy: ``SITE`` is part of every page's version.
    """
    database = using or DEFAULT_DB_ALIAS
    if not scopes:
        # Rows of other scopes are left alone: every page's version includes SITE.
        scopes = (SITE,)
    # One statement per call, rows in a fixed order: two writers lock them in the same order.
    rows = [ContentVersion(scope=scope, token=new_token()) for scope in sorted(set(scopes))]
    ContentVersion.objects.using(database).bulk_create(
        rows, update_conflicts=True, unique_fields=["scope"], update_fields=["token", "changed_at"]
    )
    scopes_replaced.send(sender=ContentVersion, scopes=frozenset(scopes), using=database)


def program_changed(*, using: str | None = None) -> None:
    """Make every page that shows any edition's program stale (bulk writes to shared rows)."""
    years = Edition.objects.using(using or DEFAULT_DB_ALIAS).values_list("year", flat=True)
    content_changed(PROGRAM, *(edition_scope(year) for year in years), using=using)


def _scopes_of(model, pks: Iterable, using: str) -> set[str]:
    """The scopes that rows ``pks`` of ``model`` show on, as the database holds them now."""
    name = model.__name__
    if name in _CONSTANT_SCOPES:
        return _CONSTANT_SCOPES[name]
    rows = model._base_manager.using(using).filter(pk__in=list(pks))
    if name == "Page":
        return {PAGES, SITE} if rows.filter(_FRAME_PAGE).exists() else {PAGES}
    if name in _EDITION_YEARS:
        years = set()
        for path in _EDITION_YEARS[name]:
            found = rows.filter(**{f"{path}__isnull": False}).values_list(path, flat=True)
            years.update(found.distinct())
        return {PROGRAM} | {edition_scope(year) for year in years}
    # A model added later and not mapped yet: every page, rather than a stale one.
    return {SITE}


def _is_content(model) -> bool:
    # django-simple-history's records live in this app too, but no public page shows them.
    return (
        model._meta.app_label == "events"
        and model is not ContentVersion
        and not model.__name__.startswith("Historical")
    )


_BEFORE = "_content_scopes_before"


def _before_save(sender, instance, raw=False, using=None, **kwargs):
    # The row as it was: a session moved to another edition leaves the old edition's pages too.
    if not raw and _is_content(sender) and instance.pk is not None:
        setattr(instance, _BEFORE, _scopes_of(sender, [instance.pk], using))


def _after_save(sender, instance, raw=False, using=None, **kwargs):
    if raw or not _is_content(sender):
        return
    before = instance.__dict__.pop(_BEFORE, set())
    content_changed(*(before | _scopes_of(sender, [instance.pk], using)), using=using)


def _before_delete(sender, instance, using=None, **kwargs):
    # Read while the row and what links it to its editions are still there.
    if _is_content(sender):
        setattr(instance, _BEFORE, _scopes_of(sender, [instance.pk], using))


def _after_delete(sender, instance, using=None, **kwargs):
    if _is_content(sender):
        content_changed(*instance.__dict__.pop(_BEFORE, {SITE}), using=using)


def _m2m_changed(sender, instance, action, model, pk_set, using=None, **kwargs):
    owner = type(instance)
    if not _is_content(owner):
        return
    if action.startswith("pre_"):
        setattr(instance, _BEFORE, _scopes_of(owner, [instance.pk], using))
        return
    scopes = instance.__dict__.pop(_BEFORE, set()) | _scopes_of(owner, [instance.pk], using)
    if pk_set:
        scopes |= _scopes_of(model, pk_set, using)
    content_changed(*scopes, using=using)


def connect_signals() -> None:
    pre_save.connect(_before_save, dispatch_uid="events.versions.pre_save")
    post_save.connect(_after_save, dispatch_uid="events.versions.post_save")
    pre_delete.connect(_before_delete, dispatch_uid="events.versions.pre_delete")
    post_delete.connect(_after_delete, dispatch_uid="events.versions.post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="events.versions.m2m")
