import pytest
from django.contrib.auth.models import Permission

from tests.attendees import conftest as attendee_fixtures
from tests.factories import CooperationItemFactory, TopicFactory, UserFactory

# The attendees' fixtures this board builds on: English by default, an open edition, confirmed
# attendees, and the emails the worker sends.
_english = attendee_fixtures._english
open_edition = attendee_fixtures.open_edition
confirmed = attendee_fixtures.confirmed
send_mail = attendee_fixtures.send_mail


@pytest.fixture
def topics(open_edition):
    """The two focus fields of the demo's board: metallurgy, then intelligent computing."""
    return [
        TopicFactory(
            edition=open_edition,
            title_en="Metallurgy and Metal Materials",
            title_zh_hans="冶金与金属材料",
            order=1,
        ),
        TopicFactory(
            edition=open_edition,
            title_en="Intelligent Computing",
            title_zh_hans="智能计算",
            order=2,
        ),
    ]


@pytest.fixture
def attendee(confirmed, open_edition):
    """A confirmed attendee of the open edition, who writes in English."""
    return confirmed(edition=open_edition, name="Li Wei", email="li.wei@example.org")


@pytest.fixture
def item_of(open_edition):
    """Make an item of the open edition (published unless ``status`` says otherwise)."""

    def make(**kwargs):
        kwargs.setdefault("edition", open_edition)
        return CooperationItemFactory(**kwargs)

    return make


@pytest.fixture
def organizer(db):
    """A member of the Organizers group, which the migrations give the board's permissions."""
    from django.contrib.auth.models import Group

    user = UserFactory(username="board-organizer", is_staff=True)
    user.groups.add(Group.objects.get(name="Organizers"))
    return user


@pytest.fixture
def staff_with(db):
    """Make a staff user holding exactly the cooperation permissions named by codename."""

    def make(*codenames):
        user = UserFactory(is_staff=True)
        permissions = Permission.objects.filter(
            content_type__app_label="cooperation", codename__in=codenames
        )
        assert permissions.count() == len(codenames), "unknown permission codename"
        user.user_permissions.add(*permissions)
        return user

    return make
