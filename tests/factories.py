"""factory_boy factories for the conference's data."""

import datetime
import zoneinfo

import factory
from django.contrib.auth import get_user_model

from events.models import (
    Edition,
    Mode,
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

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("slug",)

    name_en = "International Conference on Industry-Education Cooperation"
    name_zh_hans = "国际产学研用合作会议"
    slug = "icie"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"University {n}")
    name_zh_hans = factory.Sequence(lambda n: f"第{n}大学")
    type = Organization.Type.UNIVERSITY
    country = "CN"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    series = factory.SubFactory(SeriesFactory)
    year = factory.Sequence(lambda n: 2030 + n)
    title_en = factory.LazyAttribute(lambda o: f"{o.year} International Conference")
    title_zh_hans = factory.LazyAttribute(lambda o: f"{o.year}国际会议")
    short_title_en = factory.LazyAttribute(lambda o: f"ICIE {o.year}")
    theme_en = "Working together"
    theme_zh_hans = "携手合作"
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 22))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))
    city_en = "Shenyang"
    city_zh_hans = "沈阳"
    venue_en = "Northeastern University"
    venue_zh_hans = "东北大学"
    mode = Mode.HYBRID
    is_published = True
    is_current = False


class OrganizerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizerRole

    edition = factory.SubFactory(EditionFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = OrganizerRole.Role.ORGANIZER


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    edition = factory.SubFactory(EditionFactory)
    title_en = factory.Sequence(lambda n: f"Focus field {n}")
    title_zh_hans = factory.Sequence(lambda n: f"重点领域{n}")
    order = factory.Sequence(int)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    edition = factory.SubFactory("tests.factories.EditionFactory")
    name_en = factory.Sequence(lambda n: f"Room {n}")
    name_zh_hans = factory.Sequence(lambda n: f"{n}号会议室")
    building_en = "Main Building"
    capacity = 200


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    honorific_en = "Prof."
    honorific_zh_hans = "教授"
    affiliation_en = "Example University"
    country = "FR"
    biography_en = "Works on intelligent computing."


class SubForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubForum

    edition = factory.SubFactory(EditionFactory)
    title_en = factory.Sequence(lambda n: f"Sub-forum {n}")
    title_zh_hans = factory.Sequence(lambda n: f"分论坛{n}")
    slug = factory.Sequence(lambda n: f"sub-forum-{n}")
    room = factory.SubFactory(RoomFactory, edition=factory.SelfAttribute("..edition"))
    capacity = 100
    online_meeting_url = "https://meeting.example.org/secret-room"


def _start(o):
    return datetime.datetime.combine(o.edition.start_date, datetime.time(9), tzinfo=SHANGHAI)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    kind = Session.Kind.TALK
    title_en = factory.Sequence(lambda n: f"Talk number {n}")
    title_zh_hans = factory.Sequence(lambda n: f"第{n}场报告")
    abstract_en = "What the talk is about."
    start = factory.LazyAttribute(_start)
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(minutes=30))
    room = factory.SubFactory(RoomFactory, edition=factory.SelfAttribute("..edition"))
    delivery = Mode.HYBRID

    @factory.post_generation
    def with_speakers(self, create, extracted, **kwargs):
        for order, speaker in enumerate(extracted or []):
            SessionSpeaker.objects.create(session=self, speaker=speaker, order=order)


class NewsArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsArticle

    title_en = factory.Sequence(lambda n: f"News item {n}")
    title_zh_hans = factory.Sequence(lambda n: f"新闻{n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary_en = "A short summary."
    body_en = "<p>The body of the news.</p>"
    status = NewsArticle.Status.PUBLISHED
    published_on = datetime.date(2022, 12, 2)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title_en = factory.Sequence(lambda n: f"Page {n}")
    title_zh_hans = factory.Sequence(lambda n: f"页面{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body_en = "<p>Page text.</p>"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("a-long-test-password")


# --- attendees ---------------------------------------------------------------------------------
# Registrations and their settings (the attendees app builds on the events factories above).

from attendees.models import Registration, RegistrationSettings  # noqa: E402


class OpenEditionFactory(EditionFactory):
    """An edition whose registration window is open now (and for the next month)."""

    registration_opens = factory.LazyFunction(
        lambda: datetime.datetime.now(tz=SHANGHAI) - datetime.timedelta(days=1)
    )
    registration_closes = factory.LazyFunction(
        lambda: datetime.datetime.now(tz=SHANGHAI) + datetime.timedelta(days=30)
    )
    on_site_capacity = 100


class RegistrationSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationSettings
        django_get_or_create = ("edition",)

    edition = factory.SubFactory(OpenEditionFactory)
    online_capacity = None
    requires_approval = False


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An unconfirmed on-site registration; pass ``status=`` and timestamps for other states."""

    class Meta:
        model = Registration
        skip_postgeneration_save = True

    edition = factory.SubFactory(OpenEditionFactory)
    name = factory.Sequence(lambda n: f"Attendee Number{n}")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")
    organization = "Northeastern University"
    organization_type = Registration.OrganizationType.UNIVERSITY
    position = "Professor"
    country = "CN"
    category = Registration.Category.EXPERT
    mode = Registration.Mode.ON_SITE
    language = "en"
    privacy_consent_at = factory.LazyFunction(lambda: datetime.datetime.now(tz=SHANGHAI))
    confirmation_sent_at = factory.LazyFunction(lambda: datetime.datetime.now(tz=SHANGHAI))

    @factory.post_generation
    def sub_forums(self, create, extracted, **kwargs):
        if create and extracted:
            self.sub_forums.set(extracted)


# --- cooperation -------------------------------------------------------------------------------
# Offers and needs of the cooperation board (builds on the events and attendees factories).

from cooperation.models import CooperationItem  # noqa: E402


class CooperationItemFactory(factory.django.DjangoModelFactory):
    """A published offer of technology licensing, entered by organizers (no owner)."""

    class Meta:
        model = CooperationItem
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    kind = CooperationItem.Kind.OFFER
    category = CooperationItem.Category.TECHNOLOGY_LICENSING
    title_en = factory.Sequence(lambda n: f"High-strength steel process {n}")
    title_zh_hans = factory.Sequence(lambda n: f"高强钢工艺{n}")
    description_en = "A rolling process for advanced high-strength steel, ready to license."
    description_zh_hans = "一种可许可使用的先进高强钢轧制工艺。"
    organization_name = "Northeastern University"
    organization_type = CooperationItem.OrganizationType.UNIVERSITY
    country = "CN"
    keywords = "steel, rolling"
    contact_name = "Contact Person"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    contact_phone = "+86 24 0000 0000"
    status = CooperationItem.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime.datetime.now(tz=SHANGHAI))
    slug = factory.Sequence(lambda n: f"item-{n}")

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


# Meetings of the cooperation board.

from cooperation.models import MeetingSession  # noqa: E402


class MeetingSessionFactory(factory.django.DjangoModelFactory):
    """Two hours of 20-minute slots at three tables, tomorrow, with two online lines."""

    class Meta:
        model = MeetingSession

    edition = factory.SubFactory(EditionFactory)
    name_en = "Matchmaking, afternoon"
    name_zh_hans = "洽谈会（下午）"
    starts_at = factory.LazyFunction(
        lambda: (datetime.datetime.now(tz=SHANGHAI) + datetime.timedelta(days=1)).replace(
            hour=14, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + datetime.timedelta(hours=2))
    slot_minutes = 20
    tables = 3
    room_name_en = "Hall B"
    room_name_zh_hans = "B厅"
    online_slots = 2
    video_link = "https://meet.example.org/matchmaking"
