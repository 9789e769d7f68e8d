"""One-to-one meetings about an item: the request, the organizers' sessions and the bookings.

Which slot a meeting gets, and every rule about it, belongs to the booking services; the
database holds the rules that must never break: a table (or an online line) holds one meeting
per slot, a person sits in one meeting per slot start, a request has at most one booking.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from attendees.models import Registration
from events.models import Edition

from .items import CooperationItem


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def open(cls):
        """The states in which a request still counts: one such request per item and person."""
        return [cls.PENDING, cls.ACCEPTED]


class MeetingRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=RequestStatus.open())

    def pending(self):
        return self.filter(status=RequestStatus.PENDING)

    def accepted(self):
        return self.filter(status=RequestStatus.ACCEPTED)

    def involving(self, registration):
        """Requests the attendee sent, or received about their own items."""
        return self.filter(Q(requester=registration) | Q(item__owner=registration))


class MeetingRequest(models.Model):
    """A confirmed attendee asks the owner of an item for a one-to-one meeting."""

    Status = RequestStatus

    item = models.ForeignKey(
        CooperationItem,
        on_delete=models.CASCADE,
        related_name="meeting_requests",
        verbose_name=_("cooperation item"),
    )
    requester = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="cooperation_requests",
        verbose_name=_("requested by"),
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    objects = MeetingRequestQuerySet.as_manager()
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-pk"]
        permissions = [("export_meetingrequest", _("Can export meeting requests"))]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "requester"],
                condition=Q(status__in=RequestStatus.open()),
                name="one_open_meeting_request_per_item",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values),
                name="meeting_request_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} #{self.pk}"


class MeetingSession(models.Model):
    """A block of the program organizers set aside for one-to-one meetings."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="meeting_sessions",
        verbose_name=_("edition"),
    )
    # Translated (cooperation/translation.py).
    name = models.CharField(
        pgettext_lazy("of an organization or place", "name"),
        max_length=200,
        help_text=_("For example: Afternoon of the first day."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=20)
    tables = models.PositiveSmallIntegerField(
        _("number of tables"), default=0, help_text=_("Tables for on-site meetings.")
    )
    room_name = models.CharField(_("room"), max_length=200, blank=True)
    online_slots = models.PositiveSmallIntegerField(
        _("online meetings at a time"),
        default=0,
        help_text=_("How many online meetings may run in parallel in each slot."),
    )
    video_link = models.URLField(_("video link"), blank=True)

    class Meta:
        verbose_name = _("meeting session")
        verbose_name_plural = _("meeting sessions")
        ordering = ["edition", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="meeting_session_slot_at_least_5_minutes"
            ),
            models.CheckConstraint(
                condition=Q(tables__gt=0) | Q(online_slots__gt=0),
                name="meeting_session_has_places",
            ),
            models.CheckConstraint(
                condition=Q(online_slots=0) | ~Q(video_link=""),
                name="meeting_session_online_has_link",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if not self.tables and not self.online_slots:
            errors["tables"] = _("Give the session tables, online meetings, or both.")
        if self.online_slots and not self.video_link:
            errors["video_link"] = _("Online meetings need a video link.")
        if errors:
            raise ValidationError(errors)

    @property
    def slot_length(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.slot_minutes)

    def slot_starts(self) -> list[datetime.datetime]:
        """The start of every whole slot that fits between the session's start and end."""
        starts, start = [], self.starts_at
        while start + self.slot_length <= self.ends_at:
            starts.append(start)
            start += self.slot_length
        return starts


class MeetingBooking(models.Model):
    """An accepted request's place in a session: a slot, and a table or an online line.

    Cancelling a meeting deletes its booking (which frees the slot) and marks the request
    cancelled; a meeting that took place keeps its booking with ``held_at`` set.
    """

    request = models.OneToOneField(
        MeetingRequest,
        on_delete=models.CASCADE,
        related_name="booking",
        verbose_name=_("meeting request"),
    )
    session = models.ForeignKey(
        MeetingSession,
        on_delete=models.PROTECT,
        related_name="bookings",
        verbose_name=_("meeting session"),
    )
    slot_start = models.DateTimeField(_("slot starts at"))
    is_online = models.BooleanField(_("online"), default=False)
    table = models.PositiveSmallIntegerField(
        _("table"), help_text=_("The table number on site, or the online line (1, 2, …).")
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    held_at = models.DateTimeField(
        _("held at"), null=True, blank=True, help_text=_("Marked by the check-in desk.")
    )
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked held by"),
    )

    class Meta:
        verbose_name = _("meeting booking")
        verbose_name_plural = _("meeting bookings")
        ordering = ["slot_start", "is_online", "table", "pk"]
        permissions = [("mark_meeting_held", _("Can mark meetings as held"))]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "slot_start", "is_online", "table"],
                name="one_meeting_per_table_and_slot",
            ),
            models.CheckConstraint(condition=Q(table__gte=1), name="meeting_booking_table_from_1"),
        ]

    def __str__(self):
        return f"#{self.request_id} {self.slot_start:%Y-%m-%d %H:%M}"

    @property
    def slot_end(self) -> datetime.datetime:
        return self.slot_start + self.session.slot_length


class MeetingParticipant(models.Model):
    """A person's seat in a booked meeting: the database keeps anyone from two at one time.

    Both the requester and the item's owner get a row when a meeting is booked; the rows go
    with the booking. The booking services still check overlapping slots of different lengths.
    """

    booking = models.ForeignKey(
        MeetingBooking,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("meeting booking"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="meeting_seats",
        verbose_name=_("attendee"),
    )
    slot_start = models.DateTimeField(_("slot starts at"))

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot_start"], name="one_meeting_per_person_and_slot"
            ),
            models.UniqueConstraint(
                fields=["booking", "registration"], name="one_seat_per_person_and_booking"
            ),
        ]

    def __str__(self):
        return f"#{self.registration_id} {self.slot_start:%Y-%m-%d %H:%M}"
