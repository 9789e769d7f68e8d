"""Forms visitors fill on the public site."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models.program import LANGUAGE_CHOICES


class ProgramFilterForm(forms.Form):
    """The program page's filters, read from the query string so a filtered view is bookmarkable.

    Choices come from lists the view already fetched, so validating costs no query.
    """

    day = forms.ChoiceField(
        label=_("Day"),
        required=False,
        error_messages={"invalid_choice": _("Choose a day of the conference.")},
    )
    sub_forum = forms.ChoiceField(
        label=_("Sub-forum"),
        required=False,
        error_messages={"invalid_choice": _("There is no such sub-forum in this edition.")},
    )
    room = forms.ChoiceField(
        label=_("Room"),
        required=False,
        error_messages={"invalid_choice": _("There is no such room in this program.")},
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        error_messages={"invalid_choice": _("No session of this program is in that language.")},
    )

    def __init__(self, *args, edition, sub_forums, rooms, languages=(), **kwargs):
        """``languages``: the codes the program's sessions are given or interpreted in."""
        super().__init__(*args, **kwargs)
        self._sub_forums = {s.slug: s for s in sub_forums}
        self._rooms = {str(r.pk): r for r in rooms}
        self.fields["day"].choices = [("", _("All days"))] + [
            (day.isoformat(), date_format(day, "DATE_FORMAT")) for day in edition.days
        ]
        self.fields["sub_forum"].choices = [
            ("", _("All sub-forums")),
            ("plenary", _("Plenary")),
        ] + [(s.slug, s.title) for s in sub_forums]
        self.fields["room"].choices = [("", _("All rooms"))] + [
            (key, str(room)) for key, room in self._rooms.items()
        ]
        names = dict(LANGUAGE_CHOICES)
        self.fields["language"].choices = [("", _("All languages"))] + sorted(
            ((code, str(names[code])) for code in set(languages) if code in names),
            key=lambda choice: choice[1],
        )

    def clean_day(self):
        value = self.cleaned_data["day"]
        return datetime.date.fromisoformat(value) if value else None

    def clean_sub_forum(self):
        value = self.cleaned_data["sub_forum"]
        if value == "plenary":
            return "plenary"
        return self._sub_forums.get(value)

    def clean_room(self):
        return self._rooms.get(self.cleaned_data["room"])

    def filter(self, sessions, edition):
        """Narrow a session queryset by the valid filters (all of them when the form is invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        day, sub_forum, room = data.get("day"), data.get("sub_forum"), data.get("room")
        if day:
            sessions = sessions.for_day(day, edition)
        if data.get("language"):
            sessions = sessions.in_language(data["language"])
        if sub_forum == "plenary":
            sessions = sessions.filter(sub_forum__isnull=True)
        elif sub_forum:
            sessions = sessions.filter(sub_forum=sub_forum)
        if room:
            sessions = sessions.filter(room=room)
        return sessions
