"""Forms validate only; services write."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from crispy_forms.helper import FormHelper
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import registry
from .enums import OrganisationKind, OrganisationRole, Phase, ProgrammeStatus, Role, Sector
from .languages import LanguagesFormField
from .models import TIMEZONE_CHOICES, Event, Organisation, Programme, ProgrammePhase


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    def __init__(self, *args, **kwargs):
        from .privacy.services import current_notice

        super().__init__(*args, **kwargs)
        # The form carries the version it showed: if a new one is published before it is sent,
        # the person is asked to read that one instead of accepting a text they never saw.
        self.notice = current_notice()
        if self.notice is not None:
            self.fields["privacy_notice_version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.notice.version, required=False
            )
            self.fields["privacy_notice"] = forms.BooleanField(
                label=format_html(
                    '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                    _("I have read and accept the"),
                    reverse("collider:privacy_notice"),
                    _("privacy notice (version %(version)s)") % {"version": self.notice.version},
                ),
                required=True,
            )

    def clean(self):
        data = super().clean()
        shown = data.get("privacy_notice_version")
        if self.notice is not None and shown is not None and shown != self.notice.version:
            self.add_error(
                "privacy_notice",
                _("The privacy notice changed while you were signing up: please read it again."),
            )
        return data

    def signup(self, request, user) -> None:
        from .privacy.services import privacy_notice_accept

        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        if self.notice is not None:
            privacy_notice_accept(user=user, notice=self.notice)


PARTICIPANT_SECTORS = [(Sector.CCI, Sector.CCI.label), (Sector.AVM, Sector.AVM.label)]


class ApplicationForm(forms.Form):
    sector = forms.ChoiceField(
        label=_("I take part as"), choices=PARTICIPANT_SECTORS, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— myself / a new organisation below —"),
    )
    new_organisation_name = forms.CharField(
        label=_("New organisation name"), max_length=200, required=False
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", "—"), *OrganisationKind.choices],
        required=False,
    )
    new_organisation_country = CountryField(blank=True).formfield(
        label=_("Country"), required=False
    )
    new_organisation_website = forms.URLField(label=_("Website"), required=False)
    motivation = forms.CharField(
        label=_("Why do you want to take part?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        max_length=3000,
        help_text=_("What you offer or look for, and what you hope to get out of the programme."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(members=user)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("organisation") and data.get("new_organisation_name"):
            self.add_error(
                "new_organisation_name",
                _("Choose an existing organisation or name a new one, not both."),
            )
        if data.get("new_organisation_name"):
            for field in ("new_organisation_kind", "new_organisation_country"):
                if not data.get(field):
                    self.add_error(field, _("Needed for a new organisation."))
        return data


class DecisionForm(forms.Form):
    """What the approve and reject buttons carry besides the click: an optional note, which the
    management page leaves empty (the e-mail to the applicant says the rest)."""

    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.HiddenInput,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.PARTNER, Role.PARTNER.label),
            (Role.FACILITATOR, Role.FACILITATOR.label),
            (Role.EXPERT, Role.EXPERT.label),
        ],
    )
    message = forms.CharField(
        label=_("Personal message"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProgrammeCreateForm(forms.Form):
    """The wizard's first step. The six phases are then dated one after another across the
    programme's span, editable in the next step."""

    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=80,
        required=False,
        help_text=_("Letters, digits and hyphens; left empty, it is made from the name."),
        widget=forms.TextInput(attrs={"data-slug-from": "id_name"}),
    )
    tagline = forms.CharField(label=_("Tagline"), max_length=240, required=False)
    countries = CountryField(multiple=True).formfield(
        label=_("Countries"),
        required=True,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    languages = LanguagesFormField(
        label=_("Working languages"),
        help_text=_("The first one is the language of shared documents."),
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=TIMEZONE_CHOICES)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Ends on"),
        widget=DateInput(),
        help_text=_("The six phases follow each other across this span; you adjust them next."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ProgrammeStatus.DRAFT, ProgrammeStatus.DRAFT.label),
            (ProgrammeStatus.OPEN, ProgrammeStatus.OPEN.label),
            (ProgrammeStatus.RUNNING, ProgrammeStatus.RUNNING.label),
        ],
        help_text=_("A draft is seen only by its partners until you open it."),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["timezone"].initial = "Europe/Vienna"
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = today.replace(year=today.year + 1) - timedelta(days=1)
        self.fields["status"].initial = ProgrammeStatus.DRAFT
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if slug and Programme.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This web address is taken. Choose another one."))
        return slug

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and (ends_on - starts_on).days < len(Phase.values) - 1:
            self.add_error(
                "ends_on",
                _("A programme runs at least %(days)s days: one per phase.")
                % {"days": len(Phase.values)},
            )
        return data


# Tandem partners are intermediaries: hubs, clusters, chambers, universities, public bodies.
INTERMEDIARY_KINDS = [
    OrganisationKind.CCI_HUB,
    OrganisationKind.CLUSTER,
    OrganisationKind.CHAMBER,
    OrganisationKind.UNIVERSITY,
    OrganisationKind.PUBLIC_BODY,
]


class PartnerInvitationForm(forms.Form):
    """A tandem partner organisation and the person invited to represent it."""

    organisation = forms.ModelChoiceField(
        label=_("Existing organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— a new organisation below —"),
    )
    new_organisation_name = forms.CharField(
        label=_("New organisation name"), max_length=200, required=False
    )
    new_organisation_country = CountryField(blank=True).formfield(
        label=_("Country of the new organisation"), required=False
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind of the new organisation"),
        choices=[(kind, kind.label) for kind in INTERMEDIARY_KINDS],
        required=False,
    )
    email = forms.EmailField(
        label=_("E-mail of the person who represents it"),
        help_text=_("They receive an invitation to join the tandem for this organisation."),
    )
    message = forms.CharField(
        label=_("Personal message"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.order_by("name")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("organisation") and data.get("new_organisation_name"):
            self.add_error(
                "new_organisation_name",
                _("Choose an existing organisation or name a new one, not both."),
            )
        elif (
            not data.get("organisation")
            and not data.get("new_organisation_name")
            and "organisation" not in self.errors
        ):
            self.add_error("organisation", _("Choose an existing organisation or name a new one."))
        if data.get("new_organisation_name") and not data.get("new_organisation_country"):
            self.add_error("new_organisation_country", _("Needed for a new organisation."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        new = None
        if data["new_organisation_name"]:
            new = {
                "name": data["new_organisation_name"],
                "country": data["new_organisation_country"],
                "kind": data["new_organisation_kind"] or OrganisationKind.CCI_HUB,
                "sector": Sector.INTERMEDIARY,
            }
        return {
            "organisation": data["organisation"],
            "new_organisation": new,
            "email": data["email"],
            "message": data["message"],
        }


class OrganisationInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"))
    role = forms.ChoiceField(
        label=_("Role in the organisation"),
        choices=OrganisationRole.choices,
        initial=OrganisationRole.MEMBER,
    )
    message = forms.CharField(
        label=_("Personal message"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class OrganisationRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationRole.choices)


class PhaseForm(forms.ModelForm):
    class Meta:
        model = ProgrammePhase
        fields = ["starts_on", "ends_on", "override"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


PhaseFormSet = forms.modelformset_factory(ProgrammePhase, form=PhaseForm, extra=0)


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    """Start and end are typed as wall-clock times in the event's own time zone."""

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "phase",
            "description",
            "format",
            "venue",
            "address",
            "online_url",
            "timezone",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_mode",
            "registration_closes_at",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "registration_closes_at": LocalDateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("— not tied to a phase —")), *Phase.choices]
        # Sessions and company visits are made in their own app, where their registration rules
        # live; the generic form would make an event nobody can register for.
        if "kind" in self.fields:
            own_page = registry.kinds_with_own_page() - {self.instance.kind}
            self.fields["kind"].choices = [
                choice for choice in self.fields["kind"].choices if choice[0] not in own_page
            ]
        if self.instance.pk:
            tz = self.instance.tz
            for name in ("starts_at", "ends_at", "registration_closes_at"):
                value = getattr(self.instance, name)
                if value:
                    self.initial[name] = timezone.localtime(value, tz).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        tz_name = data.get("timezone")
        if tz_name:
            tz = zoneinfo.ZoneInfo(tz_name)
            current = timezone.get_current_timezone()
            for name in ("starts_at", "ends_at", "registration_closes_at"):
                value = data.get(name)
                if value:
                    # Django read the typed time in the site's zone; re-read it in the event's.
                    data[name] = timezone.make_aware(timezone.make_naive(value, current), tz)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        closes = data.get("registration_closes_at")
        if closes and starts and closes > starts:
            self.add_error("registration_closes_at", _("Registration must close before the start."))
        if data.get("format") in ("online", "hybrid") and not data.get("online_url"):
            self.add_error("online_url", _("Online and hybrid events need a link."))
        if data.get("format") in ("on_site", "hybrid") and not data.get("venue"):
            self.add_error("venue", _("On-site and hybrid events need a venue."))
        return data

    def _post_clean(self):
        # The service runs full_clean() on save; skip the model's own validation of the
        # instance here so we validate once, with our time-zone-corrected values.
        pass


class GuestRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices])
    consent = forms.BooleanField(
        label=_("I agree that the organisers store these details to run this event."),
    )


class NetworkForm(forms.Form):
    """The span the network view counts, and the indicator its chart shows."""

    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    kpi = forms.ChoiceField(
        label=_("Chart"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from . import kpis

        self.fields["kpi"].choices = [(k.key, k.label) for k in kpis.kpi_definitions()]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end lies before the start."))
        if start and end and (end - start).days > 366 * 10:
            raise forms.ValidationError(_("Choose a span of at most ten years."))
        return data
