"""Forms validate only; services write."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collider import kpis
from collider.enums import MembershipStatus, Sector
from collider.models import Organisation, User
from collider.uploads import UploadField

from .actions import TRANSITIONS
from .enums import Outcome, Stage
from .models import Cooperation, ReportingPeriod
from .services import EVIDENCE, MOVE_SERVICES


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class TargetsForm(forms.Form):
    """One optional number per registered indicator."""

    def __init__(self, *args, initial_targets: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_targets = initial_targets or {}
        for kpi in kpis.kpi_definitions():
            self.fields[kpi.key] = forms.IntegerField(
                label=kpi.label,
                min_value=0,
                # A percentage cannot be more than all of it.
                max_value=100 if kpi.is_percent else 1_000_000,
                required=False,
                initial=initial_targets.get(kpi.key),
            )


def _kpi_choices():
    return [(kpi.key, kpi.label) for kpi in kpis.kpi_definitions()]


class CorrectionForm(forms.Form):
    key = forms.ChoiceField(label=_("Indicator"), choices=_kpi_choices)
    delta = forms.IntegerField(
        label=_("Change"),
        min_value=-100_000,
        max_value=100_000,
        help_text=_(
            "Added to the computed value; negative to subtract. For a percentage, in percentage "
            "points (the value stays between 0 and 100)."
        ),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = UploadField(label=_("Evidence"), rule=EVIDENCE)


class CooperationForm(forms.ModelForm):
    class Meta:
        model = Cooperation
        fields = [
            "title",
            "cci_organisation",
            "avm_organisation",
            "cci_contact",
            "avm_contact",
            "goals",
        ]
        widgets = {"goals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        members = programme.memberships.filter(status=MembershipStatus.APPROVED)
        # Organisations that take part in this programme: named on a membership, or with a
        # member who belongs to the programme.
        in_programme = Organisation.objects.filter(
            Q(memberships__in=members) | Q(members__memberships__in=members)
        ).distinct()
        self.fields["cci_organisation"].queryset = in_programme.filter(sector=Sector.CCI)
        self.fields["avm_organisation"].queryset = in_programme.filter(sector=Sector.AVM)
        self.fields["cci_contact"].queryset = User.objects.filter(
            memberships__in=members.filter(sector=Sector.CCI)
        ).distinct()
        self.fields["avm_contact"].queryset = User.objects.filter(
            memberships__in=members.filter(sector=Sector.AVM)
        ).distinct()
        self.fields["cci_contact"].help_text = _("Receives the CCI side's check-ins.")
        self.fields["avm_contact"].help_text = _("Receives the AVM side's check-ins.")


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Move to"),
        choices=[(stage.value, stage.label) for stage in Stage if stage in MOVE_SERVICES],
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, stage: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if stage is not None:
            # Offer only the moves the cooperation can make from where it stands.
            self.fields["to"].choices = [
                (value, label)
                for value, label in self.fields["to"].choices
                if stage in TRANSITIONS[value]
            ]


class CheckInForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Where does the cooperation stand?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())


class MilestoneDoneForm(forms.Form):
    evidence_file = UploadField(label=_("Evidence file"), required=False, rule=EVIDENCE)
    evidence_link = forms.URLField(label=_("or a link to the evidence"), required=False)

    def clean(self):
        data = super().clean()
        # A refused file already has its message next to the field.
        refused = "evidence_file" in self.errors
        if not refused and not data.get("evidence_file") and not data.get("evidence_link"):
            raise forms.ValidationError(_("Attach a file or give a link as evidence."))
        return data
