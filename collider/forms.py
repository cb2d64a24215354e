"""Forms validate only; services write."""

from __future__ import annotations

import zoneinfo

from crispy_forms.helper import FormHelper
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import registry
from .enums import OrganisationKind, Phase, Role, Sector
from .models import Event, Organisation, ProgrammePhase


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
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note to the applicant"), required=False, max_length=2000)


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
