"""The form an attendee sends with a meeting request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MeetingRequest


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        help_text=_("Who you are and what you would like to discuss, in a few sentences."),
        max_length=MeetingRequest._meta.get_field("message").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
