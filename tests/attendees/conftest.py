import contextlib
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone, translation
from pypdf import PdfReader

from attendees import services
from tests.factories import (
    OpenEditionFactory,
    OrganizationFactory,
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
def send_mail(django_capture_on_commit_callbacks, run_tasks):
    """Run the code inside ``with send_mail():``, then the task worker, which sends the emails.

    Tests run inside a transaction that never commits, so what waits for the commit is run by
    hand when the block ends; the messages then land in ``mailoutbox``. Only the block's own:
    work queued before it (say, by a factory's registration) is done first and its emails set
    aside.
    """

    @contextlib.contextmanager
    def capture():
        earlier = len(mail.outbox)
        run_tasks()
        del mail.outbox[earlier:]
        with django_capture_on_commit_callbacks(execute=True):
            yield
        run_tasks()

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


# --- documents ---------------------------------------------------------------------------------


@pytest.fixture
def pdf_text():
    """The text a PDF reader extracts from every page of a PDF (pypdf), as one string."""

    def extract(content: bytes) -> str:
        assert content.startswith(b"%PDF-")
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)

    return extract


@pytest.fixture
def started_edition(db):
    """An open edition that began today, hosted by a university with a letterhead and signatory."""
    today = timezone.localdate()
    host = OrganizationFactory(
        name_en="Northeastern University",
        name_zh_hans="东北大学",
        address_en="No. 3-11, Wenhua Road, Heping District, Shenyang",
        address_zh_hans="辽宁省沈阳市和平区文化路三巷11号",
    )
    return OpenEditionFactory(
        start_date=today,
        end_date=today + datetime.timedelta(days=1),
        host=host,
        signatory_name_en="Zhang San",
        signatory_name_zh_hans="张三",
        signatory_position_en="Chair of the Organizing Committee",
        signatory_position_zh_hans="组委会主席",
    )


@pytest.fixture
def visa_applicant(started_edition):
    """Make a confirmed on-site registration that asked for a visa letter (Hans Müller)."""

    def make(**kwargs):
        details = {
            "edition": started_edition,
            "name": "Hans Müller",
            "needs_visa_letter": True,
            "nationality": "DE",
            "passport_number": "C01X00T47",
            "date_of_birth": datetime.date(1980, 5, 1),
            "organization": "Technische Universität München",
            "country": "DE",
            **kwargs,
        }
        return services.confirm_email(registration=RegistrationFactory(**details))

    return make
