"""Validation only; the services decide."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.translation import gettext_lazy as _

from collider.versioning import BasedOnFormMixin

from .enums import AgreementKind, PickKind, RequestMode, Side, TermKind
from .models import Agreement, Profile, Slot, Term


class TermForm(forms.Form):
    kind = forms.ChoiceField(label=_("Taxonomy"), choices=TermKind.choices)
    name = forms.CharField(label=_("Term"), max_length=80)


class ProfileForm(forms.Form):
    terms = forms.ModelMultipleChoiceField(
        label=_("Offers / needs"),
        queryset=Term.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("In your own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    languages = forms.CharField(
        label=_("Working languages"),
        max_length=60,
        required=False,
        help_text=_("Comma-separated codes, e.g. en, de, sl."),
    )
    region = forms.CharField(label=_("Region"), max_length=120, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"].queryset = Term.objects.filter(programme=programme)


class PickForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("CCI"), queryset=Profile.objects.none())
    kind = forms.ChoiceField(
        label=_("Decision"), choices=[*PickKind.choices, ("clear", _("Remove from the list"))]
    )
    note = forms.CharField(label=_("Note"), max_length=240, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = Profile.objects.filter(programme=programme, side="cci")


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("First meeting starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    slots = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=64, initial=16)
    tables = forms.IntegerField(label=_("Number of tables"), min_value=1, max_value=500, initial=10)
    meeting_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), min_value=5, max_value=120, initial=20
    )
    break_minutes = forms.IntegerField(
        label=_("Break between meetings (minutes)"), min_value=0, max_value=60, initial=5
    )
    request_mode = forms.ChoiceField(label=_("Request mode"), choices=RequestMode.choices)
    request_expiry_days = forms.IntegerField(
        label=_("Requests expire after (days)"), min_value=1, max_value=60, initial=5
    )
    default_cap = forms.IntegerField(
        label=_("Meetings per participant at most"), min_value=1, max_value=64, initial=12
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    more_sessions = forms.CharField(
        label=_("More sessions on the same day"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One session a line: start time and number of slots, e.g. “13:30 6” for an "
            "afternoon block after the lunch break."
        ),
    )
    booking_closes_at = forms.DateTimeField(
        label=_("Booking closes at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Meeting requests are refused after this time (optional)."),
    )

    def clean_more_sessions(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["more_sessions"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            start, _sep, count = line.partition(" ")
            try:
                at = datetime.strptime(start, "%H:%M").time()
                slots = int(count)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)s: write a start time and a number of slots, e.g. “13:30 6”.")
                    % {"n": number}
                ) from None
            if slots < 1:
                raise forms.ValidationError(
                    _("Line %(n)s: a session has at least one slot.") % {"n": number}
                )
            rows.append((at, slots))
        return rows

    def clean(self):
        data = super().clean()
        starts_at = data.get("starts_at")
        if starts_at is not None and data.get("more_sessions"):
            # Sessions are on the day of the first one, in the same time zone.
            data["more_sessions"] = [
                (starts_at.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0), n)
                for at, n in data["more_sessions"]
            ]
        return data


class ExpertInviteForm(forms.Form):
    expert = forms.TypedChoiceField(label=_("Expert"), coerce=int, choices=[])
    note = forms.CharField(
        label=_("Message to the expert"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].choices = [
            (
                user.pk,
                f"{user.display_name} · "
                + (str(_("took part in the idea pitch")) if user.took_part else str(_("expert"))),
            )
            for user in candidates
            if not user.invited
        ]


class ExternalPartyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    role = forms.CharField(
        label=_("Role in the agreement"),
        max_length=80,
        required=False,
        help_text=_("e.g. External expert, Co-funder."),
    )


def slot_label(slot: Slot, tz) -> str:
    """“3: 14:20”: the slot's number and its start in the event's own time zone (people block
    the slots they read, so the clock must be the one on the venue's wall)."""
    return f"{slot.index + 1}: {time_format(timezone.localtime(slot.starts_at, tz), 'H:i')}"


class AvailabilityForm(forms.Form):
    cap = forms.IntegerField(label=_("Meetings at most"), min_value=0, max_value=64, required=False)
    unavailable = forms.ModelMultipleChoiceField(
        label=_("Slots I cannot attend"),
        queryset=Slot.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable"].queryset = workshop.slots.all()
        self.fields["unavailable"].label_from_instance = lambda slot: slot_label(
            slot, workshop.event.tz
        )


class MeetingRequestForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Meet with"), queryset=Profile.objects.none())
    reason = forms.CharField(
        label=_("Why you want to meet"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    def __init__(self, *args, programme, profile, workshop=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Profile.objects.filter(programme=programme).select_related("user", "organisation")
        if profile is not None:
            qs = qs.exclude(side=profile.side)
        if workshop is not None:
            # Experts are met only at the workshops they are invited to.
            qs = qs.exclude(Q(side=Side.EXPERT) & ~Q(participations__workshop=workshop))
        self.fields["recipient"].queryset = qs


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    answer = forms.CharField(label=_("Message"), max_length=300, required=False)


class RunForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Solver"),
        choices=[
            ("auto", _("Best (König, else assignment search, polished by CP-SAT when small)")),
            ("greedy", _("Fast preview (greedy)")),
            ("cpsat", _("CP-SAT on the whole model")),
        ],
    )
    time_limit = forms.TypedChoiceField(
        label=_("Time limit"),
        coerce=int,
        initial=10,
        required=False,
        empty_value=10,
        choices=[(10, _("10 seconds")), (30, _("30 seconds")), (60, _("1 minute"))],
    )


class AgreementStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=AgreementKind.choices)
    source = forms.ChoiceField(label=_("Starts from"), choices=[])
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources


class AgreementForm(BasedOnFormMixin, forms.ModelForm):
    deliverables = forms.CharField(
        label=_("Deliverables"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: YYYY-MM-DD title"),
    )

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "title",
            "goals",
            "scope",
            "starts_on",
            "ends_on",
            "budget",
            "funding",
            "ip_terms",
            "confidentiality",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "ip_terms": forms.Textarea(attrs={"rows": 3}),
            "confidentiality": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_deliverables(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["deliverables"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            day, _sep, title = line.partition(" ")
            try:
                due = date.fromisoformat(day)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)s: start with a date as YYYY-MM-DD.") % {"n": number}
                ) from None
            if not title.strip():
                raise forms.ValidationError(
                    _("Line %(n)s: name the deliverable after the date.") % {"n": number}
                )
            rows.append((title.strip()[:200], due))
        return rows

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data


class SignForm(forms.Form):
    name = forms.CharField(label=_("Your full name"), max_length=200)
    confirm = forms.BooleanField(
        label=_("I agree to this version of the agreement on behalf of my party.")
    )


class MarketFilterForm(forms.Form):
    """The marketplace's search and filters (GET); every field optional."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    term = forms.ModelChoiceField(
        label=_("Offer or need"), queryset=Term.objects.none(), required=False
    )
    side = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[
            ("", _("CCI and AVM")),
            (Side.CCI, _("CCI (offers)")),
            (Side.AVM, _("AVM (needs)")),
        ],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, programme, countries: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(programme=programme)
        self.fields["term"].empty_label = _("Any")
        self.fields["country"].choices = [("", _("Any")), *countries]
