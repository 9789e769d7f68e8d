from django.urls import path

from .feeds import NewsAtomFeed, NewsFeed
from .views import editions, exports, news, pages, program, speakers

app_name = "events"

urlpatterns = [
    path("", editions.home, name="home"),
    path("archive/", editions.archive, name="archive"),
    path("news/", news.NewsListView.as_view(), name="news"),
    # Before the articles: "feed" and "atom" are refused as article slugs.
    path("news/feed/", NewsFeed(), name="news_feed"),
    path("news/atom/", NewsAtomFeed(), name="news_atom"),
    path("news/<slug:slug>/", news.news_detail, name="news_detail"),
    path("news/<slug:slug>/preview/", news.news_preview, name="news_preview"),
    path("<int:year>/", editions.edition_home, name="edition"),
    path("<int:year>/program/", program.program, name="program"),
    path("<int:year>/sub-forums/", program.sub_forum_list, name="sub_forums"),
    path("<int:year>/sub-forums/<slug:slug>/", program.sub_forum_detail, name="sub_forum"),
    path("<int:year>/sessions/<int:pk>/", program.session_detail, name="session"),
    path("<int:year>/speakers/", speakers.speaker_list, name="speakers"),
    path("<int:year>/speakers/<slug:slug>/", speakers.speaker_detail, name="speaker"),
    # The program for calendar apps (iCal) and conference apps (frab schedule).
    path("<int:year>/program.ics", exports.program_ical, name="program_ical"),
    path(
        "<int:year>/sub-forums/<slug:slug>/program.ics",
        exports.sub_forum_ical,
        name="sub_forum_ical",
    ),
    path("<int:year>/sessions/<int:pk>/session.ics", exports.session_ical, name="session_ical"),
    path("<int:year>/schedule.xml", exports.schedule_xml, name="schedule_xml"),
    path("<int:year>/schedule.json", exports.schedule_json, name="schedule_json"),
    # Organizer-written pages (/about/, /venue/, /contact/) come last: they never shadow the rest.
    path("<slug:slug>/", pages.page_detail, name="page"),
]
