"""What the follow-up app asks of people on their dashboard: due check-ins to answer."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.registry import NextStep

from .models import CheckIn


def _due_checkins(user) -> dict[int, list[CheckIn]]:
    """The user's due, unanswered check-ins per programme: one query, cached on the user,
    because the dashboard asks once per programme."""
    cached = getattr(user, "_followup_due_checkins", None)
    if cached is None:
        cached = {}
        rows = CheckIn.objects.filter(
            respondent=user, answered_at__isnull=True, due_at__lte=timezone.now()
        ).select_related("cooperation")
        for checkin in rows.exclude(cooperation__stage="stopped"):
            cached.setdefault(checkin.cooperation.programme_id, []).append(checkin)
        user._followup_due_checkins = cached
    return cached


def next_steps(*, user, programme, roles):
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        NextStep(
            title=_("Answer the check-in on “%(title)s”") % {"title": checkin.cooperation.title},
            url=reverse(
                "followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk}
            ),
            reason=_("The tandem partners ask both sides how the cooperation is going."),
            priority=20,
        )
        for checkin in _due_checkins(user).get(programme.pk, [])
    ]
