"""Forms of the feedback surveys: they validate only; ``followup.feedback`` writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import QuestionKind, SurveyAudience, SurveySubject
from ..forms import DateInput
from . import selectors, services

RATING_CHOICES = [
    (1, _("1 · poor")),
    (2, _("2")),
    (3, _("3 · fair")),
    (4, _("4")),
    (5, _("5 · excellent")),
]


class SurveySettingsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    audience = forms.ChoiceField(
        label=_("Who is asked"), choices=SurveyAudience.choices, widget=forms.RadioSelect
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=DateInput(),
        help_text=_("A reminder goes to those who have not answered two days before."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous"),
        required=False,
        initial=True,
        help_text=_(
            "Partners and facilitators see each answer with the sector only, never with a name."
        ),
    )
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown above the questions."),
    )

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The survey must close on or after it opens."))
        return data


class SurveyCreateForm(SurveySettingsForm):
    subject_kind = forms.ChoiceField(
        label=_("What is the survey about?"),
        choices=SurveySubject.choices,
        widget=forms.RadioSelect,
    )
    event = forms.ModelChoiceField(
        label=_("Event or training session"),
        queryset=None,
        required=False,
        help_text=_("Leave empty for a survey on the programme as a whole."),
    )
    field_order = [
        "subject_kind",
        "event",
        "title",
        "audience",
        "opens_on",
        "closes_on",
        "anonymous",
        "intro",
    ]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["event"].queryset = selectors.survey_events(programme)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty for a title from the subject.")

    def clean(self):
        data = super().clean()
        kind, event = data.get("subject_kind"), data.get("event")
        if kind == SurveySubject.PROGRAMME:
            data["event"] = None
        elif kind and event is None:
            self.add_error("event", _("Choose the event the survey is about."))
        elif (
            kind == SurveySubject.TRAINING
            and not selectors.training_events(self.programme).filter(pk=event.pk).exists()
        ):
            self.add_error("event", _("This event is not a training session."))
        return data


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=_("Answer"), choices=QuestionKind.choices, initial=QuestionKind.RATING
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)

    def has_text(self) -> bool:
        return bool(self.cleaned_data.get("text", "").strip())


class BaseQuestionFormSet(forms.BaseFormSet):
    def questions(self) -> list[dict]:
        """The kept questions in order; blank rows (the spare ones) are left out."""
        return [
            {
                "text": form.cleaned_data["text"].strip(),
                "kind": form.cleaned_data["kind"],
                "required": form.cleaned_data["required"],
            }
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.has_text()
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.questions():
            raise forms.ValidationError(_("A survey needs at least one question."))


QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=BaseQuestionFormSet,
    extra=2,
    can_delete=True,
    max_num=services.MAX_QUESTIONS,
    validate_max=True,
)


def question_initial(survey) -> list[dict]:
    return [
        {"text": q.text, "kind": q.kind, "required": q.required} for q in survey.questions.all()
    ]


class ResponseForm(forms.Form):
    """One field per question: ``q<pk>``, a 1-5 scale or a text box."""

    def __init__(self, *args, questions, response=None, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        previous = {}
        if response is not None:
            previous = {
                a.question_id: (a.rating if a.rating is not None else a.text)
                for a in response.answers.all()
            }
        for question in self.questions:
            name = f"q{question.pk}"
            if question.is_rating:
                field = forms.TypedChoiceField(
                    label=question.text,
                    choices=RATING_CHOICES,
                    coerce=int,
                    required=question.required,
                    widget=forms.RadioSelect(attrs={"class": "rating-scale"}),
                )
            else:
                field = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=services.MAX_TEXT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            field.initial = previous.get(question.pk)
            field.disabled = disabled
            self.fields[name] = field

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
