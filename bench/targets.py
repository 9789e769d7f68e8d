"""The addresses the benchmark measures, found in the database of the synthetic edition.

Run inside a process where Django is set up (``bench.inprocess``, ``bench.load``).
"""

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import translation

# Uncached targets of the issue, in milliseconds (median, normal size); the rest: DEFAULT_TARGET.
TARGET_MS = {"program": 100, "speakers": 50, "schedule.xml": 150, "schedule.json": 150}
# Search: a word found in a quarter of the synthetic program, two Chinese characters (which have
# no trigram for PostgreSQL's index to look up), a family name and a word found nowhere; the
# issue's goal is 50 ms uncached at the large size on PostgreSQL.
SEARCHES = {
    "search (broad word)": ("en", "steel"),
    "search (Chinese word)": ("zh-hans", "冶金"),
    "search (name)": ("en", "Zhang"),
    "search (no match)": ("en", "zzqqxx"),
}
SEARCH_TARGET_MS = 50
TARGET_MS.update(dict.fromkeys(SEARCHES, SEARCH_TARGET_MS))
DEFAULT_TARGET_MS = 30
# Pages whose content is the same at both sizes: they should cost the same at both.
CONSTANT_CONTENT = {"program (one day)", "session", "speaker"}
QUERY_LIMIT = 12
LANGUAGES = ("en", "zh-hans")


@dataclass(frozen=True)
class Target:
    name: str
    kind: str  # floor, page, feed, export, api
    language: str  # "" where the address has no language
    path: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def target_ms(self) -> int | None:
        return None if self.kind == "floor" else TARGET_MS.get(self.name, DEFAULT_TARGET_MS)


FLOOR = Target("floor", "floor", "", "/floor/")


def find(year: int) -> list[Target]:
    """Every public page (both languages), feed, export and API list of edition ``year``."""
    from events.models import Edition, NewsArticle, Page, Session

    edition = Edition.objects.get(year=year)
    sub_forum = edition.sub_forums.order_by("order", "pk").first()
    # A typical session: two speakers, in the first sub-forum, the earliest such.
    session = (
        Session.objects.filter(edition=edition, sub_forum=sub_forum)
        .annotate(speaker_count=Count("session_speakers"))
        .filter(speaker_count=2)
        .order_by("start", "pk")
        .first()
    )
    speaker = session.session_speakers.order_by("order").first().speaker
    article = NewsArticle.objects.published().filter(edition=edition).first()
    page = Page.objects.filter(is_published=True).order_by("order", "pk").first()
    y = {"year": year}

    pages = [
        ("home", "events:home", {}, ""),
        ("edition", "events:edition", y, ""),
        ("program", "events:program", y, ""),
        ("program (one day)", "events:program", y, f"?day={edition.start_date.isoformat()}"),
        ("sub-forums", "events:sub_forums", y, ""),
        ("sub-forum", "events:sub_forum", {**y, "slug": sub_forum.slug}, ""),
        ("session", "events:session", {**y, "pk": session.pk}, ""),
        ("speakers", "events:speakers", y, ""),
        ("speaker", "events:speaker", {**y, "slug": speaker.slug}, ""),
        ("news", "events:news", {}, ""),
        ("article", "events:news_detail", {"slug": article.slug}, ""),
        ("archive", "events:archive", {}, ""),
        ("registration form", "attendees:register", y, ""),
        ("verification form", "attendees:verify_form", {}, ""),
    ]
    if page is not None:
        pages.append(("organizer page", "events:page", {"slug": page.slug}, ""))
    found = [
        Target(name, "page", language, _reverse(language, url, kwargs) + query)
        for name, url, kwargs, query in pages
        for language in LANGUAGES
    ]
    found += search_targets()
    found += [
        Target("news feed (RSS)", "feed", "en", _reverse("en", "events:news_feed")),
        Target("news feed (Atom)", "feed", "en", _reverse("en", "events:news_atom")),
        Target("sitemap.xml", "feed", "", "/sitemap.xml"),
        # The largest sections: full pages of the sitemap's size limit.
        Target("sitemap page (sessions)", "feed", "", "/sitemap-sessions.xml"),
        Target("sitemap page (speakers)", "feed", "", "/sitemap-speakers.xml"),
        Target("robots.txt", "feed", "", "/robots.txt"),
        Target("program.ics", "export", "en", _reverse("en", "events:program_ical", y)),
        Target(
            "sub-forum .ics",
            "export",
            "en",
            _reverse("en", "events:sub_forum_ical", {**y, "slug": sub_forum.slug}),
        ),
        Target("schedule.xml", "export", "en", _reverse("en", "events:schedule_xml", y)),
        Target("schedule.json", "export", "en", _reverse("en", "events:schedule_json", y)),
        *[
            Target(
                "program.pdf", "export", language, _reverse(language, "attendees:program_pdf", y)
            )
            for language in LANGUAGES
        ],
    ]
    api = [
        ("API editions", "/api/editions/"),
        ("API sub-forums", f"/api/sub-forums/?edition={year}"),
        ("API sessions", f"/api/sessions/?edition={year}"),
        ("API sessions (100)", f"/api/sessions/?edition={year}&limit=100"),
        ("API speakers", f"/api/speakers/?edition={year}"),
        ("API news", "/api/news/"),
    ]
    found += [Target(name, "api", "", path) for name, path in api]
    return found


def search_targets() -> list[Target]:
    """The search page with each of ``SEARCHES``."""
    return [
        Target(
            name, "page", language, _reverse(language, "events:search") + "?" + urlencode({"q": q})
        )
        for name, (language, q) in SEARCHES.items()
    ]


def load_targets(year: int) -> dict[str, str]:
    """The addresses the load benchmark drives, by name."""
    chosen = {"home", "program", "speakers", "session"}
    paths = {t.name: t.path for t in find(year) if t.name in chosen and t.language == "en"}
    return {"floor": FLOOR.path, **paths}


def _reverse(language: str, name: str, kwargs: dict | None = None) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)
