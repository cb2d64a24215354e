"""Feedback surveys from both sectors.

A partner creates a survey about an event, a training session or the programme; it starts as a
draft with a default question set for its subject, which the partner edits. Opening it invites
the audience through the outbox, with a reminder two days before it closes. Each invited person
answers once and may change the answers until the survey closes.

Layers as in every app: ``services`` (writes), ``selectors`` (reads, results), ``forms``,
``views``, ``exports``; ``messages``, ``next_steps`` and ``demo`` plug into the core's
registries. The services and selectors are re-exported here as the feature's API.
"""

from .selectors import (
    CHART_LEFT,
    CHART_ROW,
    CHART_WIDTH,
    RATING_COLOURS,
    RATING_TEXT,
    RATINGS,
    TEXT_PREVIEW,
    QuestionResult,
    SectorStats,
    SurveyResults,
    audience_of,
    response_of,
    responses_submitted,
    survey_events,
    survey_get,
    survey_get_for_respondent,
    survey_list,
    survey_results,
    surveys_awaiting,
    text_answers,
    training_events,
)
from .services import (
    DEFAULT_QUESTIONS,
    INVITATION_KIND,
    MAX_QUESTIONS,
    MAX_TEXT,
    REMINDER_BEFORE_CLOSE,
    REMINDER_KIND,
    response_submit,
    survey_close,
    survey_create,
    survey_open,
    survey_update,
)

__all__ = [
    "CHART_LEFT",
    "CHART_ROW",
    "CHART_WIDTH",
    "DEFAULT_QUESTIONS",
    "INVITATION_KIND",
    "MAX_QUESTIONS",
    "MAX_TEXT",
    "RATINGS",
    "RATING_COLOURS",
    "RATING_TEXT",
    "REMINDER_BEFORE_CLOSE",
    "REMINDER_KIND",
    "TEXT_PREVIEW",
    "QuestionResult",
    "SectorStats",
    "SurveyResults",
    "audience_of",
    "response_of",
    "response_submit",
    "responses_submitted",
    "survey_close",
    "survey_create",
    "survey_events",
    "survey_get",
    "survey_get_for_respondent",
    "survey_list",
    "survey_open",
    "survey_results",
    "survey_update",
    "surveys_awaiting",
    "text_answers",
    "training_events",
]
