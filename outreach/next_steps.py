"""What phase 2 asks of people on their dashboard."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from collider.enums import Role
from collider.registry import NextStep
from collider.rules import programme_ids_as

from .enums import ChecklistStatus
from .models import Checklist, ChecklistResponse


def _open_checklists(user) -> dict[int, list[Checklist]]:
    """Open checklists of every programme the user belongs to, newest first, each annotated
    with ``answered`` (by this user's account or e-mail address).

    The dashboard asks once per programme; one query for all of them, cached on the user
    object for the request, keeps the dashboard's query count flat.
    """
    cached = getattr(user, "_outreach_open_checklists", None)
    if cached is None:
        answered = ChecklistResponse.objects.filter(checklist=OuterRef("pk")).filter(
            Q(respondent=user) | Q(email__iexact=user.email)
        )
        rows = (
            Checklist.objects.filter(
                status=ChecklistStatus.OPEN,
                programme_id__in=programme_ids_as(user, Role.PARTICIPANT)
                | programme_ids_as(user, Role.PARTNER),
            )
            .annotate(answered=Exists(answered))
            .order_by("-created_at", "-pk")
        )
        cached = {}
        for checklist in rows:
            cached.setdefault(checklist.programme_id, []).append(checklist)
        user._outreach_open_checklists = cached
    return cached


def outreach_next_steps(*, user, programme, roles):
    steps = []
    if Role.PARTICIPANT not in roles and Role.PARTNER not in roles:
        return steps
    checklists = _open_checklists(user).get(programme.pk, [])
    if Role.PARTICIPANT in roles:
        unanswered = next((c for c in checklists if not c.answered), None)
        if unanswered is not None:
            steps.append(
                NextStep(
                    title=_("Take the readiness checklist “%(title)s”")
                    % {"title": unanswered.title},
                    url=unanswered.public_path(),
                    reason=_("See where you are ready for cooperation and where training helps."),
                    priority=30,
                )
            )
    if Role.PARTNER in roles and not checklists:
        steps.append(
            NextStep(
                title=_("Open a readiness checklist"),
                url=reverse("outreach:checklist_list", args=[programme.slug]),
                reason=_("Responses show where each sector needs capacity building."),
                priority=35,
            )
        )
    return steps
