"""Forms validate only; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from collider.enums import EventKind, OrganisationSize, Sector
from collider.models import Event
from collider.uploads import UploadField
from collider.versioning import BasedOnFormMixin

from .enums import ExpertNeedKind, MaturityItem, TemplateField
from .inputs import ATTACHMENTS, FUNDING_FIELDS, IDEA_FIELDS, TEMPLATE_FIELDS, competences_parse
from .models import Challenge, FundingOpportunity, Idea


class ChallengeForm(BasedOnFormMixin, forms.ModelForm):
    """The challenge template. Required competences are chosen from the programme's taxonomy
    (the terms CCI describe their offers with, so "CCI for this challenge" finds them), plus
    free-text extras for what the taxonomy lacks; ``cleaned_data["competences"]`` is both."""

    competence_terms = forms.MultipleChoiceField(
        label=_("Required competences"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The programme's taxonomy: CCI offers are described with the same terms."),
    )
    competences = forms.CharField(
        label=_("Other competences"),
        max_length=500,
        required=False,
        help_text=_("Not in the list? Comma-separated, e.g. sound design, acoustics."),
    )

    class Meta:
        model = Challenge
        # The competences go just before the IP stance and the confidential details.
        fields = [*TEMPLATE_FIELDS[:-2], "competence_terms", "competences", *TEMPLATE_FIELDS[-2:]]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in [
                "public_summary",
                "context",
                "problem_statement",
                "scope",
                "expected_outcome",
                "constraints",
                "resources",
                "timeline",
                "confidential_details",
            ]
        }

    def __init__(self, *args, vocabulary: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.vocabulary = {name.lower(): name for name in vocabulary}
        self.fields["competence_terms"].choices = [(name, name) for name in vocabulary]
        if not vocabulary:
            self.fields["competence_terms"].widget = forms.MultipleHiddenInput()
            self.fields["competences"].label = _("Required competences")
        if self.instance.pk and not self.is_bound:
            names = [t.name for t in self.instance.required_competences.all()]
            chosen = [self.vocabulary[n.lower()] for n in names if n.lower() in self.vocabulary]
            self.initial["competence_terms"] = chosen
            self.initial["competences"] = ", ".join(
                n for n in names if n.lower() not in self.vocabulary
            )

    def clean_competences(self) -> list[str]:
        """Chosen terms first, then the extras; an extra that is a term counts as the term."""
        extras = competences_parse(self.cleaned_data["competences"])
        chosen = list(self.cleaned_data.get("competence_terms") or [])
        names: dict[str, str] = {}
        for name in [*chosen, *(self.vocabulary.get(e.lower(), e) for e in extras)]:
            names.setdefault(name.lower(), name)
        return list(names.values())

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and high < low:
            self.add_error("budget_max", _("The upper end must not be below the lower end."))
        return data


class CommentForm(forms.Form):
    field = forms.ChoiceField(label=_("Field"), choices=TemplateField.choices)
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class MaturityForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Maturity checklist"),
        choices=MaturityItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("What should change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        error_messages={"required": _("Say what should change.")},
    )


class NdaForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I accept the non-disclosure agreement"),
        error_messages={"required": _("Tick the box to accept the agreement.")},
    )


class TranslatorForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert (translator)"), queryset=None)

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts


class ScheduleForm(forms.Form):
    pitch_event = forms.ModelChoiceField(
        label=_("Challenge pitch event"), queryset=Event.objects.none(), required=False
    )
    idea_deadline = forms.DateTimeField(
        label=_("Idea deadline"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    idea_event = forms.ModelChoiceField(
        label=_("Idea pitch event"), queryset=Event.objects.none(), required=False
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        events = Event.objects.filter(programme=programme).order_by("starts_at")
        self.fields["pitch_event"].queryset = events.filter(kind=EventKind.CHALLENGE_PITCH)
        self.fields["idea_event"].queryset = events.filter(kind=EventKind.IDEA_PITCH)


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class IdeaForm(BasedOnFormMixin, forms.ModelForm):
    class Meta:
        model = Idea
        fields = [*IDEA_FIELDS, "funding_opportunities"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ["summary", "approach", "deliverables", "time_plan", "funding_sources"]
        } | {"funding_opportunities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_opportunities"].queryset = FundingOpportunity.objects.filter(
            pk__in=[o.pk for o in opportunities]
        )
        self.fields["funding_opportunities"].help_text = _(
            "Matching opportunities; you will be reminded of their deadlines."
        )


class CoAuthorForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Invite a co-author"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates


class ExpertNeedForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of expert"), choices=ExpertNeedKind.choices)
    description = forms.CharField(
        label=_("What for"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(forms.Form):
    file = UploadField(label=_("Attachment"), rule=ATTACHMENTS)


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=None)
    due_at = forms.DateTimeField(
        label=_("Due"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers


class ConflictForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=[
            ("no", _("I have no conflict of interest with this idea or its team")),
            ("yes", _("I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Describe the conflict"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("conflict") and not data.get("note", "").strip():
            self.add_error("note", _("Describe the conflict of interest."))
        return data


class ScoreForm(forms.Form):
    """One 1-5 score and a comment per criterion, plus an overall comment."""

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} (×{criterion.weight})",
                choices=[(str(n), str(n)) for n in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": criterion.name},
                required=False,
                max_length=2000,
            )
        self.order_fields([name for name in self.fields if name != "comment"] + ["comment"])

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=80)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class FundingForm(forms.ModelForm):
    eligible_sectors = forms.MultipleChoiceField(
        label=_("Eligible sectors"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any sector."),
    )
    eligible_sizes = forms.MultipleChoiceField(
        label=_("Eligible company sizes"),
        choices=OrganisationSize.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any size."),
    )
    eligible_countries = forms.MultipleChoiceField(
        label=_("Eligible countries"),
        choices=list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("None chosen: any country."),
    )

    class Meta:
        model = FundingOpportunity
        fields = list(FUNDING_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The upper end must not be below the lower end."))
        return data
