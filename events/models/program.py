"""Where and when things happen: rooms, sub-forums and program sessions."""

import datetime
import uuid

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from events.richtext import sanitize_translated

from .edition import Edition, Mode, Organization, Topic, day_bounds
from .people import Speaker


class Room(models.Model):
    guid = models.UUIDField(
        _("GUID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stable identifier in schedule exports and imports."),
    )
    # Each edition has its own rooms, so that renaming one (by hand or by an import) never
    # changes the program of another year.
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("edition")
    )
    name = models.CharField(pgettext_lazy("of an organization or place", "name"), max_length=200)
    building = models.CharField(_("building"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    directions = models.TextField(
        _("directions"), blank=True, help_text=_("How to find the room from the main entrance.")
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["building", "name"]

    def __str__(self):
        return self.label(self.name, self.building)

    @staticmethod
    def label(name: str, building: str) -> str:
        """``Room 1 (Main building)``, ``报告厅（主楼）``: how pages name a room (listings read
        plain values)."""
        if not building:
            return name
        return gettext("%(room)s (%(building)s)") % {"room": name, "building": building}


class SubForum(models.Model):
    guid = models.UUIDField(
        _("GUID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stable identifier in schedule exports and imports."),
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sub_forums", verbose_name=_("edition")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Rich text; unsafe markup is removed.")
    )
    host = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_sub_forums",
        verbose_name=_("host organization"),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="sub_forums", verbose_name=_("focus fields")
    )
    chairs = models.ManyToManyField(
        Speaker, blank=True, related_name="chaired_sub_forums", verbose_name=_("chairs")
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sub_forums",
        verbose_name=_("room"),
    )
    capacity = models.PositiveIntegerField(
        _("on-site capacity"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    online_meeting_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Never shown on public pages; only confirmed online attendees receive it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sub-forum")
        verbose_name_plural = _("sub-forums")
        ordering = ["edition", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_sub_forum_slug")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        sanitize_translated(self, "description")
        super().save(*args, **kwargs)

    save.alters_data = True

    def clean(self):
        if self.room_id and self.edition_id and self.room.edition_id != self.edition_id:
            raise ValidationError({"room": _("This room belongs to another edition.")})

    def get_absolute_url(self):
        return reverse("events:sub_forum", kwargs={"year": self.edition.year, "slug": self.slug})


# The languages a session can be given in: Django's list of codes and names (the names are
# translated by Django's own catalogs), not only the site's two languages. A spoken language
# has no script: Django's "Simplified" and "Traditional Chinese" (zh-hans, zh-hant, which name
# how a text is written) are one "Chinese" (zh) here.
LANGUAGE_CHOICES = sorted(
    [("zh", _("Chinese"))]
    + [(code, _(name)) for code, name in global_settings.LANGUAGES if not code.startswith("zh")]
)
LANGUAGE_CODES = frozenset(code for code, _name in LANGUAGE_CHOICES)


class SessionQuerySet(models.QuerySet):
    def for_edition(self, edition):
        return self.filter(edition=edition)

    def for_day(self, day: datetime.date, edition: Edition):
        """Sessions starting on conference day ``day`` of ``edition`` (see
        ``Edition.conference_day``: after midnight but before its day change is the day before)."""
        return self.on_clock_day(day, edition.tzinfo, edition.day_change)

    def on_clock_day(self, day: datetime.date, tz, day_change: datetime.time):
        """``for_day`` for a clock and day change given apart from an edition."""
        start, end = day_bounds(day, tz, day_change)
        return self.filter(start__gte=start, start__lt=end)

    def in_language(self, code: str):
        """Sessions given in language ``code`` or interpreted into it."""
        return self.filter(Q(language=code) | Q(interpretation_language=code))

    def keynotes(self):
        return self.filter(kind=Session.Kind.KEYNOTE)

    def with_listing_data(self):
        """What a program listing shows: room, sub-forum and the speakers in their order."""
        return self.select_related("room", "sub_forum").prefetch_related(
            Prefetch(
                "session_speakers",
                queryset=SessionSpeaker.objects.select_related("speaker").order_by("order", "pk"),
                to_attr="ordered_speakers",
            )
        )

    def with_links(self):
        """Links and attachments in their order, as ``ordered_links`` (the session page, the
        exports and the API show them)."""
        return self.prefetch_related(
            Prefetch(
                "links",
                queryset=SessionLink.objects.order_by("kind", "order", "pk"),
                to_attr="ordered_links",
            )
        )

    def overlapping(self, *, room, start, end):
        return self.filter(room=room, start__lt=end, end__gt=start)


class Session(models.Model):
    class Kind(models.TextChoices):
        """What kind of session it is; a kind the list lacks is "Other" with its own name
        (``kind_name``), as a schedule file named it."""

        OPENING = "opening", _("Opening ceremony")
        KEYNOTE = "keynote", _("Keynote report")
        TALK = "talk", _("Talk")
        WORKSHOP = "workshop", _("Workshop")
        PANEL = "panel", _("Panel discussion")
        LIGHTNING_TALK = "lightning_talk", _("Lightning talk")
        PERFORMANCE = "performance", _("Performance")
        COFFEE_BREAK = "coffee", _("Coffee break")
        LUNCH = "lunch", _("Lunch")
        DINNER = "dinner", _("Dinner")
        BREAK = "break", _("Break")
        CLOSING = "closing", _("Closing ceremony")
        OTHER = "other", _("Other")

    # Pauses in the program: no speakers, and a title that often just repeats the kind.
    BREAK_KINDS = frozenset({Kind.COFFEE_BREAK, Kind.LUNCH, Kind.DINNER, Kind.BREAK})

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        ATTENDEES = "attendees", _("Registered attendees")
        NOBODY = "nobody", _("Nobody yet")

    guid = models.UUIDField(
        _("GUID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stable identifier in schedule exports and imports."),
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("edition")
    )
    sub_forum = models.ForeignKey(
        SubForum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("sub-forum"),
        help_text=_("Leave empty for a plenary session."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TALK)
    kind_name = models.CharField(
        _("name of the kind"),
        max_length=100,
        blank=True,
        help_text=_("For the kind “Other”: what the session is (“Hackathon”, “Poster session”)."),
    )
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    abstract = models.TextField(_("abstract"), blank=True, help_text=_("A short summary."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("The full description, after the abstract.")
    )
    language = models.CharField(
        _("language"),
        max_length=15,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("The language the session is given in; empty when not known."),
    )
    interpretation_language = models.CharField(
        _("interpreted into"),
        max_length=15,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("The language of the simultaneous interpretation, if there is one."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE
    )
    speakers = models.ManyToManyField(
        Speaker,
        through="SessionSpeaker",
        blank=True,
        related_name="sessions",
        verbose_name=_("speakers"),
    )
    livestream_url = models.URLField(_("livestream link"), blank=True)
    replay_url = models.URLField(_("replay link"), blank=True)
    link_visibility = models.CharField(
        _("who may see the livestream and replay links"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.NOBODY,
    )
    is_featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_(
            "The home page shows a handful of featured sessions and their speakers, in program "
            "order; without any, it shows the first keynotes."
        ),
    )
    is_sample = models.BooleanField(
        _("sample entry"),
        default=False,
        help_text=_("Marks demo sessions the source did not describe; shown with a label."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "room__name", "pk"]
        # A day of the program reads one edition's sessions between two times: with this index
        # it costs the same in a 2-day and a 20-day edition.
        indexes = [models.Index(fields=["edition", "start"], name="session_edition_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:session", kwargs={"year": self.edition.year, "pk": self.pk})

    @property
    def kind_tag(self) -> str:
        """The kind's label as a tag beside the title; ``""`` where the title already says it."""
        return kind_tag(self.kind_label, self.kind, self.title)

    @property
    def kind_label(self) -> str:
        """The kind as pages name it: an "Other" kind by its own name, where it has one."""
        return kind_label(self.kind, self.kind_name)

    @property
    def language_label(self) -> str:
        return language_label(self.language, self.interpretation_language)

    @property
    def text_language(self) -> str:
        return text_language(self.language)

    @property
    def frab_type(self) -> str:
        """The kind as the frab ``type`` writes it: our value, or an "Other" kind's own name."""
        if self.kind == self.Kind.OTHER and self.kind_name:
            return self.kind_name
        return self.kind

    @property
    def duration(self) -> datetime.timedelta:
        return self.end - self.start

    @property
    def public_links(self):
        """Livestream and replay links a visitor without registration may see."""
        if self.link_visibility != self.Visibility.PUBLIC:
            return {}
        return {
            k: v for k, v in (("livestream", self.livestream_url), ("replay", self.replay_url)) if v
        }

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("A session must end after it starts.")
        edition = self.edition if self.edition_id else None
        if (
            edition
            and self.start
            and self.end
            and not errors
            and not edition.takes_place_within(self.start, self.end)
        ):
            errors["start"] = _(
                "A session must take place within the edition's dates (%(start)s to %(end)s)."
            ) % {"start": edition.start_date, "end": edition.end_date}
        if self.sub_forum_id and edition and self.sub_forum.edition_id != edition.pk:
            errors["sub_forum"] = _("This sub-forum belongs to another edition.")
        if self.room_id and edition and self.room.edition_id != edition.pk:
            errors["room"] = _("This room belongs to another edition.")
        if self.room_id and self.start and self.end and not errors:
            clash = (
                Session.objects.overlapping(room=self.room, start=self.start, end=self.end)
                .exclude(pk=self.pk)
                .select_related("edition")
                .order_by("start")
                .first()
            )
            if clash:
                local = timezone.localtime(clash.start, edition.tzinfo if edition else None)
                message = _(
                    "%(room)s is already booked for “%(title)s” at %(time)s; choose another "
                    "room or time."
                )
                if clash.edition_id != self.edition_id:
                    message = _(
                        "%(room)s is already booked for “%(title)s” of the edition "
                        "%(edition)s at %(time)s; choose another room or time."
                    )
                errors["room"] = message % {
                    "room": self.room,
                    "title": clash.title,
                    "edition": clash.edition,
                    "time": local.strftime("%Y-%m-%d %H:%M"),
                }
        if self.language and self.language == self.interpretation_language:
            errors["interpretation_language"] = _(
                "The interpretation must be into another language than the session's."
            )
        if self.kind_name and self.kind != self.Kind.OTHER:
            errors["kind_name"] = _("Only a session of the kind “Other” has a name of its own.")
        if errors:
            raise ValidationError(errors)


def language_label(language: str, interpretation: str = "") -> str:
    """ "German", "English (interpreted into Chinese)", or "" when the language is not known."""
    names = dict(LANGUAGE_CHOICES)
    if not language:
        return ""
    name = str(names.get(language, language))
    if interpretation:
        return _("%(language)s (interpreted into %(interpretation)s)") % {
            "language": name,
            "interpretation": names.get(interpretation, interpretation),
        }
    return name


def text_language(language: str) -> str:
    """The ``lang`` a session's title and abstract carry where it differs from the page's.

    A session in one of the site's languages has its texts translated into each (the English
    page shows the English title of a Chinese talk): the page's own language applies. A session
    in another language (a German talk of an imported program) keeps its texts in that language.
    """
    site = {code.split("-")[0] for code, _name in settings.LANGUAGES}
    return "" if not language or language.split("-")[0] in site else language


def kind_tag(label: str, kind: str, title: str) -> str:
    """A kind's ``label`` as a tag beside ``title``, or ``""`` where it adds nothing: beside a
    title that is the label ("Lunch", "午餐"), or a break's title that names it ("Lunch break",
    "工作午餐")."""
    folded_label, folded_title = _folded(label), _folded(title)
    if folded_title == folded_label or (
        kind in Session.BREAK_KINDS and folded_label in folded_title
    ):
        return ""
    return label


def _folded(text: str) -> str:
    """``text`` as a reader compares it: case and runs of spaces do not matter."""
    return " ".join(str(text or "").casefold().split())


def kind_label(kind: str, kind_name: str = "") -> str:
    """How pages name a session's kind (listings read plain values, not instances)."""
    if kind == Session.Kind.OTHER and kind_name:
        return kind_name
    return str(Session.Kind(kind).label) if kind in Session.Kind.values else kind


class SessionLink(models.Model):
    """A link or an attachment (slides, paper) of a session, with its title, as frab has them."""

    class Kind(models.TextChoices):
        LINK = "link", _("Link")
        ATTACHMENT = "attachment", _("Attachment")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="links", verbose_name=_("session")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LINK)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=2000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("link or attachment")
        verbose_name_plural = _("links and attachments")
        ordering = ["session", "kind", "order", "pk"]

    def __str__(self):
        return self.title


class SessionSpeaker(models.Model):
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="session_speakers",
        verbose_name=_("session"),
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="session_links", verbose_name=_("speaker")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="unique_session_speaker")
        ]

    def __str__(self):
        return f"#{self.speaker_id} @ #{self.session_id}"
