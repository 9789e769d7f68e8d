from django.urls import path

from events.public_pages import public_page
from events.versions import EDITION

from .feeds import ItemsAtomFeed, ItemsFeed
from .scopes import COOPERATION
from .views import board, desk, items, meetings

app_name = "cooperation"

personal_prefix = "<int:year>/registration/<str:token>/cooperation/"

urlpatterns = [
    # The public board: the same for every anonymous visitor, served from the page cache until
    # an item or the edition's focus fields change.
    path(
        "<int:year>/cooperation/",
        public_page(board.board, EDITION, COOPERATION, query=board.BOARD_PARAMETERS),
        name="board",
    ),
    # Before the items: "feed" and "atom" are never given as an item's slug.
    path(
        "<int:year>/cooperation/feed/",
        public_page(ItemsFeed(), EDITION, COOPERATION),
        name="feed",
    ),
    path(
        "<int:year>/cooperation/atom/",
        public_page(ItemsAtomFeed(), EDITION, COOPERATION),
        name="atom",
    ),
    path(
        "<int:year>/cooperation/<slug:slug>/",
        public_page(board.item_detail, EDITION, COOPERATION),
        name="item",
    ),
    # The attendee's own items, from their personal page (signed link, never cached).
    path(f"{personal_prefix}new/", items.new_item, name="new_item"),
    path(f"{personal_prefix}<int:pk>/close/", items.close_item, name="close_item"),
    # Meetings
    path("<int:year>/cooperation/<slug:slug>/meet/", meetings.ask, name="ask_meeting"),
    path(f"{personal_prefix}meetings/<int:pk>/accept/", meetings.accept, name="accept_meeting"),
    path(f"{personal_prefix}meetings/<int:pk>/decline/", meetings.decline, name="decline_meeting"),
    path(f"{personal_prefix}meetings/<int:pk>/cancel/", meetings.cancel, name="cancel_meeting"),
    path(f"{personal_prefix}meetings.ics", meetings.calendar, name="meetings_calendar"),
    path("<int:year>/cooperation/desk/meetings/", desk.meetings, name="desk"),
    path("<int:year>/cooperation/desk/meetings/<int:pk>/held/", desk.mark_held, name="mark_held"),
]
