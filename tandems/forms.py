"""Forms validate only; services write."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.enums import EventFormat, Phase, Sector
from collider.models import TIMEZONE_CHOICES
from collider.uploads import MB, UploadField, UploadRule
from collider.versioning import BasedOnFormMixin

from .enums import ContactKind, Frequency, TaskStatus
from .models import CharterVersion, Contact, PilotAction, TandemPartner, Task

#: A contact import (checked by the platform's one upload validator).
CONTACT_FILES = UploadRule(kinds=("csv", "txt"), max_bytes=5 * MB)


class TandemPartnerForm(forms.ModelForm):
    class Meta:
        model = TandemPartner
        fields = [
            "organisation",
            "role",
            "is_lead",
            "competences",
            "regions",
            "target_groups",
            "contact_base_size",
        ]
        widgets = {"competences": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations


class CharterForm(BasedOnFormMixin, forms.ModelForm):
    class Meta:
        model = CharterVersion
        fields = [name for name, _label in CharterVersion.SECTIONS] + ["change_note"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4}) for name, _label in CharterVersion.SECTIONS
        }


class ConfirmForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Confirm on behalf of"), queryset=TandemPartner.objects.none()
    )

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partners is not None:
            self.fields["partner"].queryset = partners


class TaskForm(BasedOnFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "title",
            "phase",
            "owner",
            "assignee",
            "starts_on",
            "due_on",
            "status",
            "depends_on",
            "description",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = TandemPartner.objects.filter(
            programme=programme
        ).select_related("organisation")
        self.fields["assignee"].queryset = staff
        tasks = Task.objects.filter(programme=programme)
        if self.instance.pk:
            tasks = tasks.exclude(pk=self.instance.pk)
        self.fields["depends_on"].queryset = tasks

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", _("The due date cannot be before the start."))
        return data


class TaskFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Phase"), choices=[("", _("All phases")), *Phase.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *TaskStatus.choices], required=False
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=TandemPartner.objects.none(),
        required=False,
        empty_label=_("All partners"),
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = TandemPartner.objects.filter(
            programme=programme
        ).select_related("organisation")
        _style_filters(self)


def _style_filters(form: forms.Form) -> None:
    """Bootstrap classes for filter forms rendered field by field (not through crispy)."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs["class"] = "form-check-input"
        elif isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "form-select"
        else:
            field.widget.attrs["class"] = "form-control"


def _default_start():
    now = timezone.localtime() + timezone.timedelta(days=7)
    return now.replace(hour=10, minute=0, second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M")


class MeetingSeriesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Tandem partner meeting"))
    first_starts_at = forms.DateTimeField(
        label=_("First meeting (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        initial=_default_start,
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=600, initial=60
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"), choices=TIMEZONE_CHOICES, initial="Europe/Vienna"
    )
    frequency = forms.ChoiceField(
        label=_("Repeats"), choices=Frequency.choices, initial=Frequency.MONTHLY
    )
    interval = forms.IntegerField(
        label=_("Every"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("e.g. 2 with “Weekly” = every other week"),
    )
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=60,
        initial=6,
        required=False,
        help_text=_("Leave empty to repeat until the programme ends."),
    )
    rrule = forms.CharField(
        label=_("Custom recurrence rule (optional)"),
        max_length=300,
        required=False,
        help_text=_(
            "An iCalendar RRULE, e.g. FREQ=MONTHLY;BYDAY=1TU;COUNT=8 (first Tuesday). "
            "Overrides the fields above."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=EventFormat.choices, initial=EventFormat.ONLINE
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        start = data.get("first_starts_at")
        tz = data.get("timezone")
        if start and tz:
            # The browser sends wall-clock time; it means that time in the chosen zone.
            naive = timezone.make_naive(start) if timezone.is_aware(start) else start
            data["first_starts_at"] = naive.replace(tzinfo=zoneinfo.ZoneInfo(tz))
            if data["first_starts_at"] <= timezone.now():
                self.add_error("first_starts_at", _("The first meeting must be in the future."))
        if data.get("rrule", "").strip():
            data["rule"] = data["rrule"].strip()
        elif data.get("frequency"):
            rule = f"FREQ={data['frequency']};INTERVAL={data.get('interval') or 1}"
            if data.get("count"):
                rule += f";COUNT={data['count']}"
            data["rule"] = rule
        if data.get("format") in (EventFormat.ONLINE, EventFormat.HYBRID) and not data.get(
            "online_url"
        ):
            self.add_error("online_url", _("Online and hybrid meetings need a link."))
        return data


class AgendaForm(forms.Form):
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 18}), max_length=20000
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), max_length=50000
    )


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=None)
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff


class ContactForm(BasedOnFormMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "kind",
            "name",
            "organisation",
            "sector",
            "email",
            "phone",
            "tags",
            "source",
            "consent_basis",
            "consent_date",
            "notes",
        ]
        widgets = {
            "consent_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def validate_unique(self):
        # Uniqueness (dedupe by e-mail) is the service's job; the form has no programme.
        pass


class ContactFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *ContactKind.choices], required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors")), *Sector.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style_filters(self)


class ContactImportForm(forms.Form):
    file = UploadField(
        label=_("CSV file"),
        rule=CONTACT_FILES,
        help_text=_(
            "Columns: kind, name, organisation, sector, e-mail, phone, tags, source, "
            "consent_basis, consent_date, notes. UTF-8 or Windows-1252; at most 5 MB."
        ),
    )


class InviteExpertForm(forms.Form):
    message = forms.CharField(
        label=_("Personal message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class PilotActionForm(BasedOnFormMixin, forms.ModelForm):
    class Meta:
        model = PilotAction
        fields = [
            "title",
            "partners",
            "description",
            "stakeholders",
            "target_group",
            "reach_target",
            "location",
            "timeframe",
            "frequency",
            "background",
            "methods",
            "critical_factors",
            "success_factors",
            "partner_support",
            "strategic_embedding",
            "budget_planned",
            "budget_actual",
            "links",
            "results",
            "lessons",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in [
                "description",
                "stakeholders",
                "target_group",
                "background",
                "methods",
                "critical_factors",
                "success_factors",
                "partner_support",
                "strategic_embedding",
                "links",
                "results",
                "lessons",
            ]
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = TandemPartner.objects.filter(
            programme=programme
        ).select_related("organisation")
        self.fields["partners"].widget = forms.CheckboxSelectMultiple()
        self.fields["partners"].choices = self.fields["partners"].choices

    def clean_links(self):

        validate = URLValidator()
        links = self.cleaned_data["links"]
        for line in links.splitlines():
            if line.strip():
                try:
                    validate(line.strip())
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("%(line)s is not a web address.") % {"line": line.strip()}
                    ) from None
        return links


class PeerCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your peer comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class PilotAdvanceForm(forms.Form):
    """The stage-gate button: the stage to move to (the service checks it and the gate)."""

    to_stage = forms.CharField(required=False)
