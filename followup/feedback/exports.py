"""Feedback surveys as exported files: the programme-wide answer list and one survey's
responses, written by the core's export writers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collider.exports import Dataset
from collider.models import Programme

from ..models import Survey, SurveyAnswer, SurveyResponse


def _respondent_columns(survey: Survey, response: SurveyResponse) -> list[str]:
    if survey.anonymous:
        return ["", ""]
    return [response.respondent.display_name, response.respondent.email]


#: Columns of the programme-wide feedback list (one row per answer: surveys ask different
#: questions, so the long format keeps every survey in one table).
FEEDBACK_HEADERS = (
    gettext_lazy("Survey"),
    gettext_lazy("About"),
    gettext_lazy("Event"),
    gettext_lazy("Question"),
    gettext_lazy("Answer type"),
    gettext_lazy("Sector"),
    gettext_lazy("Name"),
    gettext_lazy("E-mail"),
    gettext_lazy("Rating"),
    gettext_lazy("Text"),
    gettext_lazy("Submitted at"),
)


def feedback_answers(programme: Programme):
    return SurveyAnswer.objects.filter(response__survey__programme=programme)


def feedback_rows(programme: Programme, params: dict):
    """Every answer of every survey of ``programme``, streamed; anonymous surveys leave the
    name and e-mail columns empty."""
    answers = feedback_answers(programme).select_related(
        "question", "response__survey__event", "response__respondent"
    )
    answers = answers.order_by(
        "response__survey_id", "response__sector", "response_id", "question__position"
    )
    for answer in answers.iterator(chunk_size=2000):
        response, survey = answer.response, answer.response.survey
        yield [
            survey.title,
            survey.get_subject_kind_display(),
            survey.event.title if survey.event_id else "",
            answer.question.text,
            answer.question.get_kind_display(),
            response.get_sector_display(),
            *_respondent_columns(survey, response),
            answer.rating,
            answer.text,
            response.submitted_at,
        ]


def survey_export(survey: Survey):
    """One survey's responses as a dataset of the core's export writers: one row per response
    and one column per question (ratings as numbers), for CSV/XLSX."""
    questions = list(survey.questions.all())
    headers = [_("Response"), _("Sector"), _("Name"), _("E-mail"), _("Submitted at")]
    headers += [_("Changed at"), *(f"{q.position}. {q.text}" for q in questions)]

    def rows(programme, params):
        responses = (
            SurveyResponse.objects.filter(survey=survey)
            .select_related("respondent")
            .prefetch_related("answers")
            # Anonymous answers are not listed in the order they came in, which could tell who.
            .order_by(*(("sector", "pk") if survey.anonymous else ("submitted_at", "pk")))
        )
        for number, response in enumerate(responses.iterator(chunk_size=1000), start=1):
            by_question = {a.question_id: a for a in response.answers.all()}
            row = [number, response.get_sector_display(), *_respondent_columns(survey, response)]
            row += [response.submitted_at, response.updated_at]
            for question in questions:
                answer = by_question.get(question.pk)
                if answer is None:
                    row.append("")
                else:
                    row.append(answer.rating if question.is_rating else answer.text)
            yield row

    return Dataset(
        key=f"feedback-{survey.pk}",
        label=gettext_lazy("Feedback"),
        headers=tuple(headers),
        rows=rows,
        count=lambda programme, params: survey.responses.count(),
    )
