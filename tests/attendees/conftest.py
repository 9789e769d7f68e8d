import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from attendees import services
from tests.factories import (
    OpenEditionFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    SubForumFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _english():
    """A request in Chinese leaves Chinese active in the thread; start every test in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def open_edition(db):
    """A current edition with registration open and 100 on-site seats."""
    return OpenEditionFactory(is_current=True)


@pytest.fixture
def small_edition(db):
    """Registration open, two on-site seats, online unlimited."""
    return OpenEditionFactory(on_site_capacity=2)


@pytest.fixture
def sub_forum(open_edition):
    return SubForumFactory(edition=open_edition)


@pytest.fixture
def send_mail(django_capture_on_commit_callbacks):
    """Run the code inside ``with send_mail():`` and deliver the emails it queued.

    Tests run inside a transaction that never commits, so the after-commit delivery
    has to be triggered by hand; the messages then land in ``mailoutbox``.
    """

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


@pytest.fixture
def approval_edition(db):
    settings = RegistrationSettingsFactory(requires_approval=True)
    return settings.edition


@pytest.fixture
def staff(db):
    user = UserFactory(username="desk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="can_check_in"))
    return user


@pytest.fixture
def organizer(db):
    return UserFactory(username="organizer", is_staff=True)


@pytest.fixture
def confirmed(db):
    """Make a registration that has confirmed its email; it gets a place or joins the waitlist."""

    def make(**kwargs):
        return services.confirm_email(registration=RegistrationFactory(**kwargs))

    return make


@pytest.fixture
def staff_with(db):
    """Make a staff user holding exactly the attendees permissions named by codename."""

    def make(*codenames):
        user = UserFactory(is_staff=True)
        permissions = Permission.objects.filter(
            content_type__app_label="attendees", codename__in=codenames
        )
        assert permissions.count() == len(codenames), "unknown permission codename"
        user.user_permissions.add(*permissions)
        return user

    return make
