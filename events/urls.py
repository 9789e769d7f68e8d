from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed
from .public_pages import public_page
from .versions import EDITION, NEWS, PAGES, PROGRAM, REGISTRATIONS
from .views import agenda, editions, exports, news, pages, program, search, speakers, timetable

app_name = "events"

# Every address here but the staff preview shows the same public content to every anonymous
# visitor, so the site serves it from its page cache (conference_site/page_cache.py), fresh for
# as long as the scopes each view names have not changed (events/versions.py). A view that reads
# the query string names the parameters it reads: no other parameter makes a copy of its own.
urlpatterns = [
    path("", public_page(editions.home, PROGRAM, NEWS, REGISTRATIONS), name="home"),
    path("archive/", public_page(editions.archive, PROGRAM), name="archive"),
    path("news/", public_page(news.NewsListView.as_view(), NEWS, query=("page",)), name="news"),
    # Before the articles: "feed" and "atom" are refused as article slugs.
    path("news/feed/", public_page(NewsFeed(), NEWS), name="news_feed"),
    path("news/atom/", public_page(NewsAtomFeed(), NEWS), name="news_atom"),
    path("news/<slug:slug>/", public_page(news.news_detail, NEWS), name="news_detail"),
    path("news/<slug:slug>/preview/", news.news_preview, name="news_preview"),
    path(
        "<int:year>/",
        public_page(editions.edition_home, EDITION, NEWS, REGISTRATIONS),
        name="edition",
    ),
    path(
        "<int:year>/program/",
        public_page(program.program, EDITION, query=program.PROGRAM_FILTERS),
        name="program",
    ),
    path(
        "<int:year>/timetable/",
        public_page(timetable.timetable_page, EDITION),
        name="timetable",
    ),
    path(
        "<int:year>/timetable/<str:day>/",
        public_page(timetable.timetable_page, EDITION),
        name="timetable_day",
    ),
    # A visitor's starred sessions, named in the address (?s=12,15,40): nothing is stored.
    path(
        "<int:year>/agenda/",
        public_page(agenda.agenda_page, EDITION, query=("s",)),
        name="agenda",
    ),
    path(
        "<int:year>/agenda.ics",
        public_page(exports.agenda_ical, EDITION, query=("s",)),
        name="agenda_ical",
    ),
    path(
        "search/",
        public_page(search.search_page, PROGRAM, NEWS, PAGES, query=("q",)),
        name="search",
    ),
    path("<int:year>/sub-forums/", public_page(program.sub_forum_list, EDITION), name="sub_forums"),
    path(
        "<int:year>/sub-forums/<slug:slug>/",
        public_page(program.sub_forum_detail, EDITION),
        name="sub_forum",
    ),
    path(
        "<int:year>/sessions/<int:pk>/",
        public_page(program.session_detail, EDITION),
        name="session",
    ),
    path("<int:year>/speakers/", public_page(speakers.speaker_list, EDITION), name="speakers"),
    path(
        "<int:year>/speakers/<slug:slug>/",
        public_page(speakers.speaker_detail, EDITION),
        name="speaker",
    ),
    # The program for calendar apps (iCal) and conference apps (frab schedule).
    # The whole edition's files are served from storage, where the worker puts them
    # (events/edition_files.py): not copied into the page cache too.
    path("<int:year>/program.ics", exports.program_ical, name="program_ical"),
    path(
        "<int:year>/sub-forums/<slug:slug>/program.ics",
        public_page(exports.sub_forum_ical, EDITION),
        name="sub_forum_ical",
    ),
    path(
        "<int:year>/sessions/<int:pk>/session.ics",
        public_page(exports.session_ical, EDITION),
        name="session_ical",
    ),
    path("<int:year>/schedule.xml", exports.schedule_xml, name="schedule_xml"),
    path("<int:year>/schedule.json", exports.schedule_json, name="schedule_json"),
    # An edition's own pages (/2022/venue/) after the edition's other addresses.
    path(
        "<int:year>/<slug:slug>/",
        public_page(pages.edition_page, PAGES, EDITION),
        name="edition_page",
    ),
    # Organizer-written pages (/about/, /venue/, /contact/) come last: they never shadow the rest.
    path("<slug:slug>/", public_page(pages.page_detail, PAGES), name="page"),
]
