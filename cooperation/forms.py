"""The form an attendee fills in to publish an offer or a need, and the board's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from attendees.forms import CountrySelect
from attendees.models import OrganizationType, Registration
from events.models import Edition, Topic

from .models import Category, CooperationItem, Kind


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.title


class ItemForm(forms.ModelForm):
    """Both languages side by side; either may stay empty (`CooperationItem.clean`)."""

    class Meta:
        model = CooperationItem
        fields = [
            "kind",
            "category",
            "title_en",
            "title_zh_hans",
            "description_en",
            "description_zh_hans",
            "topics",
            "keywords",
            "organization_name",
            "organization_type",
            "country",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        labels = {
            "title_en": _("Title in English"),
            "title_zh_hans": _("Title in Chinese"),
            "description_en": _("Description in English"),
            "description_zh_hans": _("Description in Chinese"),
        }
        help_texts = {
            "contact_name": _(
                "Never shown on the board: only people whose meeting request you accept see it."
            ),
            "keywords": _("Separated by commas, e.g. high-strength steel, machine learning."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "country": CountrySelect,
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "description_zh_hans": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, edition: Edition, registration: Registration, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "organization_name": registration.organization,
                "organization_type": registration.organization_type,
                "country": registration.country,
                "contact_name": registration.name,
                "contact_email": registration.email,
            },
        )
        super().__init__(*args, **kwargs)
        self.instance.edition = edition
        self.fields["topics"] = TopicChoiceField(
            queryset=Topic.objects.filter(edition=edition).order_by("order", "pk"),
            required=False,
            label=_("Focus fields"),
        )
        self.fields["kind"].choices = Kind.choices
        self.fields["category"].help_text = _(
            "Offers: licensing, capacity, joint research, joint training, internships. "
            "Needs: research problems, partners, equipment, talent."
        )


def _choices(pairs, empty_label):
    return [("", empty_label), *pairs]


class BoardFilterForm(forms.Form):
    """The board's filters, read from the address (GET): a wrong value is simply ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Offer or need"), required=False)
    category = forms.ChoiceField(label=_("Type of cooperation"), required=False)
    topic = forms.TypedChoiceField(label=_("Focus field"), required=False, coerce=int)
    organization_type = forms.ChoiceField(label=_("Type of organization"), required=False)
    country = forms.ChoiceField(label=_("Country or region"), required=False)

    def __init__(self, data, *, topics: list[Topic], country_codes: list[str]):
        super().__init__(data)
        self.fields["kind"].choices = _choices(Kind.choices, _("Offers and needs"))
        self.fields["category"].choices = _choices(Category.choices, _("All types of cooperation"))
        self.fields["topic"].choices = _choices(
            [(topic.pk, topic.title) for topic in topics], _("All focus fields")
        )
        self.fields["organization_type"].choices = _choices(
            OrganizationType.choices, _("All types")
        )
        names = dict(countries)
        self.fields["country"].choices = _choices(
            sorted(((code, names.get(code, code)) for code in country_codes), key=lambda c: c[1]),
            _("All countries and regions"),
        )

    def filters(self) -> dict:
        """The valid filters, by name; invalid ones are dropped rather than refused."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
