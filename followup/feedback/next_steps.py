"""What the feedback surveys ask of people on their dashboard: open surveys to answer."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from collider.registry import NextStep

from .messages import _respond_url
from .selectors import surveys_awaiting


def next_steps(*, user, programme, roles):
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        NextStep(
            title=_("Give your feedback: %(title)s") % {"title": survey.title},
            url=_respond_url(survey),
            reason=_("Open until %(day)s; the tandem partners use it to improve the programme.")
            % {"day": date_format(survey.closes_on)},
            priority=25,
        )
        for survey in surveys_awaiting(user).get(programme.pk, [])
    ]
