"""The registration form and the forms of the attendee's personal page."""

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.widgets import LazySelect

from events.models import Edition, Mode, SubForum

from .masking import masked
from .models import AttendanceMode, Registration
from .models.registration_fields import Use, names
from .services import EDITABLE_FIELDS, locked_details

PASSPORT_FIELDS = names(Use.PASSPORT)
MASKED_FIELDS = names(Use.MASKED)
# The hint under a masked input that had a value, shown again empty after an error.
ENTER_AGAIN = _("For your privacy this is not shown again: please enter it again.")


class SubForumChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.title


def _sub_forum_field(edition: Edition) -> SubForumChoiceField:
    return SubForumChoiceField(
        queryset=SubForum.objects.filter(edition=edition).order_by("order", "pk"),
        required=False,
        label=_("Sub-forums you plan to attend"),
    )


def _mode_choices(edition: Edition):
    if edition.mode == Mode.HYBRID:
        return AttendanceMode.choices
    return [(value, label) for value, label in AttendanceMode.choices if value == edition.mode]


class VisaLetterMixin:
    """Passport data is kept only when a visa invitation letter is needed.

    `Registration.clean()` asks for the missing passport fields when it is.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PASSPORT_FIELDS:
            # Neither required nor optional: the template shows no "(optional)" for these.
            self.fields[name].conditionally_required = True

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("needs_visa_letter"):
            for name in PASSPORT_FIELDS:
                cleaned[name] = Registration._meta.get_field(name).get_default()
        return cleaned

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value >= timezone.localdate():
            raise forms.ValidationError(_("Enter a date in the past."))
        return value


class CountrySelect(LazySelect):
    """django-countries' drop-down of some 250 countries, its options written in one template.

    Django renders each option through two included templates; for the registration form's two
    country fields that was most of the page's time. The template (Jinja2's, as the session
    listing's) writes the same markup in its loop.
    """

    template_name = "attendees/widgets/country_select.html"


DETAIL_WIDGETS = {
    "country": CountrySelect,
    "nationality": CountrySelect,
    "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "dietary_needs": forms.TextInput(attrs={"placeholder": _("e.g. vegetarian, halal, allergies")}),
    "accessibility_needs": forms.TextInput(
        attrs={"placeholder": _("e.g. wheelchair access, sign language")}
    ),
}


class ValueNeverShownMixin:
    """An input that renders no value at all: neither the stored one nor one posted back."""

    def format_value(self, value):
        return None


class MaskedTextInput(ValueNeverShownMixin, forms.TextInput):
    pass


class MaskedDateInput(ValueNeverShownMixin, forms.DateInput):
    pass


MASKED_WIDGETS = {
    "passport_number": MaskedTextInput(attrs={"autocomplete": "off"}),
    "date_of_birth": MaskedDateInput(attrs={"type": "date", "autocomplete": "off"}),
}


def ask_again_for_masked_values(form: forms.BaseForm) -> None:
    """Shown again with an error, a masked input that had a value comes back empty: say so.

    A bound form is only ever rendered because something failed, so nothing posted was stored.
    Called last in ``__init__``, the hint replaces any other help text (on the personal page,
    "leave this empty to keep it"). A disabled input cannot be typed in and keeps its reason.
    """
    if not form.is_bound:
        return
    for name in MASKED_FIELDS:
        field = form.fields.get(name)
        if field is None or field.disabled:
            continue
        posted = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        if isinstance(posted, str) and posted.strip():
            field.help_text = ENTER_AGAIN


class RegistrationForm(VisaLetterMixin, forms.ModelForm):
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is processed to run "
            "the conference."
        ),
        error_messages={"required": _("Registration is possible only with this consent.")},
    )

    class Meta:
        model = Registration
        # The consent is a checkbox here; the service stores when it was given.
        fields = [
            "privacy_consent" if name == "privacy_consent_at" else name for name in names(Use.ASKED)
        ]
        # Passport number and date of birth are never written into a page, not even as just
        # posted when another field has an error (the browser keeps that page in its history).
        widgets = {**DETAIL_WIDGETS, **MASKED_WIDGETS, "mode": forms.RadioSelect}
        help_texts = {"email": _("We send a link to this address to confirm it.")}

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["sub_forums"] = _sub_forum_field(edition)
        self.fields["mode"].choices = _mode_choices(edition)
        self.fields["mode"].initial = self.fields["mode"].choices[0][0]
        if not self.fields["sub_forums"].queryset.exists():
            del self.fields["sub_forums"]
        ask_again_for_masked_values(self)

    def clean_email(self):
        # One registration per address and edition is deliberately not checked here: registering
        # again re-sends the link (services.register) and tells a stranger nothing.
        email = self.cleaned_data["email"].strip().lower()
        # Django accepts quoted local parts ("<a>"@example.org, "a,b"@example.org), which the
        # outbox refuses or splits apart; nobody's mailbox needs one.
        if '"' in email:
            raise forms.ValidationError(validate_email.message, code=validate_email.code)
        return email


class DetailsForm(VisaLetterMixin, forms.ModelForm):
    """The attendee's details on their personal page.

    The fields declared `Use.MASKED` (passport number, date of birth) are never rendered back:
    the page shows their last characters in the help text, an empty input keeps what is stored
    and a new value replaces it. Shown again after an error, an input that had a new value asks
    for it again, as on the registration form.
    """

    class Meta:
        model = Registration
        fields = list(EDITABLE_FIELDS)
        widgets = {**DETAIL_WIDGETS, **MASKED_WIDGETS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What a valid document prints stays as it is (the service refuses it too).
        locked = locked_details(self.instance) if self.instance.pk else {}
        for name, reason in locked.items():
            self.fields[name].disabled = True
            self.fields[name].help_text = reason
        for name in MASKED_FIELDS:
            stored = masked(getattr(self.instance, name))
            if not stored or name not in self.fields:
                continue
            if name in locked:
                help_text = _("Stored: %(masked)s. %(reason)s")
                self.fields[name].help_text = help_text % {"masked": stored, "reason": locked[name]}
            else:
                help_text = _(
                    "Stored: %(masked)s. Leave this empty to keep it, or enter a new one to "
                    "replace it."
                )
                self.fields[name].help_text = help_text % {"masked": stored}
        ask_again_for_masked_values(self)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("needs_visa_letter"):
            for name in MASKED_FIELDS:
                field = self.fields.get(name)
                if field and not field.disabled and cleaned.get(name) in field.empty_values:
                    # Never shown, so never posted back: empty means "keep what is stored".
                    cleaned[name] = getattr(self.instance, name)
        return cleaned

    def posted_locked_values(self) -> dict:
        """What was posted for the locked fields, e.g. from a page shown before check-in.

        A form ignores what is posted for a disabled field; handed to the service instead, a
        change there is refused with its reason rather than dropped without a word.
        """
        posted = {}
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not field.disabled or key not in self.data:
                continue
            try:
                posted[name] = field.clean(field.widget.value_from_datadict(self.data, {}, key))
            except forms.ValidationError:
                continue
        return posted


class ModeForm(forms.Form):
    mode = forms.ChoiceField(label=_("Participation"), widget=forms.RadioSelect)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = _mode_choices(edition)


class SubForumsForm(forms.Form):
    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_forums"] = _sub_forum_field(edition)


class ConfirmForm(forms.Form):
    """A checkbox that makes an irreversible step deliberate (cancel, delete)."""

    confirm = forms.BooleanField(
        label=_("Yes, I am sure."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
            }
        ),
        help_text=_("Scan the QR code, or type the code printed under it."),
    )
