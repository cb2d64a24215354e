"""The personal dashboard: the user's programmes, roles, open phases and next steps."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import registry, selectors, services
from .enums import MembershipStatus, Role
from .models import Invitation, Membership, OrganisationInvitation
from .rules import roles_in


@registry.register_next_steps
def core_next_steps(*, user, programme, roles):
    """What the core itself asks of people: decide applications, set dates, sign up for events.

    ``programme`` comes from ``selectors.programme_list_for``, which loads what is read here.
    """
    steps = []
    # Platform admins run every programme: what waits for its partners waits for them too.
    if Role.PARTNER in roles or user.is_superuser:
        waiting = programme.applied_count
        if waiting:
            steps.append(
                registry.NextStep(
                    title=ngettext("Review %(n)s application", "Review %(n)s applications", waiting)
                    % {"n": waiting},
                    url=reverse("collider:programme_manage", args=[programme.slug])
                    + "?status=applied",
                    reason=_("People are waiting to join the programme."),
                    priority=10,
                )
            )
        if any(phase.starts_on is None for phase in programme.phases.all()):
            steps.append(
                registry.NextStep(
                    title=_("Set the phase timeline"),
                    url=reverse("collider:programme_phases", args=[programme.slug]),
                    reason=_("Some phases have no dates, so they never open."),
                    priority=20,
                )
            )
    if Role.PARTICIPANT in roles:
        for event in programme.upcoming_events:
            if not event.is_registered and event.registration_open:
                steps.append(
                    registry.NextStep(
                        title=_("Register for %(event)s") % {"event": event.title},
                        url=event.get_absolute_url(),
                        reason=_("%(kind)s on %(date)s")
                        % {
                            "kind": event.get_kind_display(),
                            "date": date_format(timezone.localtime(event.starts_at), "DATE_FORMAT"),
                        },
                        priority=40,
                    )
                )
                break
    return steps


def phase_progress(phases) -> dict:
    """The programme's six phases with their state, and how far today is through the whole
    timeline (per cent), from the phases already loaded."""
    rows = list(phases)
    today = timezone.localdate()
    starts = [row.starts_on for row in rows if row.starts_on]
    ends = [row.ends_on for row in rows if row.ends_on]
    percent = None
    if starts and ends and max(ends) > min(starts):
        elapsed = (today - min(starts)).days
        percent = max(0, min(100, elapsed * 100 // (max(ends) - min(starts)).days))
    return {"phases": [(row, row.state_on(today)) for row in rows], "percent": percent}


def _tiles_for(user, programmes) -> dict[int, list[registry.Tile]]:
    tiles: dict[int, list[registry.Tile]] = {programme.pk: [] for programme in programmes}
    for provider in registry.tile_providers():
        for programme_id, rows in provider(user=user, programmes=programmes).items():
            tiles.setdefault(programme_id, []).extend(rows)
    return tiles


def build(user) -> dict:
    programmes = list(selectors.programme_list_for(user))
    tiles = _tiles_for(user, programmes)
    week_ends = timezone.now() + timedelta(days=7)
    cards = []
    for programme in programmes:
        roles = roles_in(user, programme)
        steps = []
        for provider in registry.next_step_providers():
            steps.extend(provider(user=user, programme=programme, roles=roles))
        steps = sorted(steps, key=lambda step: step.priority)[:8]
        runs = Role.PARTNER in roles or user.is_superuser
        cards.append(
            {
                "programme": programme,
                "roles": sorted(Role(role).label for role in roles),
                "is_partner": runs,
                # Facilitators and experts run workflows too: their cockpit is the partner's.
                "runs": runs or bool({Role.FACILITATOR, Role.EXPERT} & roles),
                "current_phases": services.phases_current(programme, programme.phases.all()),
                "progress": phase_progress(programme.phases.all()),
                "next_step": steps[0] if steps else None,
                "steps": steps,
                "waiting": len(steps),
                "week_events": [
                    event for event in programme.upcoming_events if event.starts_at <= week_ends
                ],
                "kpis": [tile for tile in tiles.get(programme.pk, []) if tile.group == "kpi"],
                "mine": [tile for tile in tiles.get(programme.pk, []) if tile.group == "mine"],
            }
        )
    pending = Membership.objects.filter(user=user, status=MembershipStatus.APPLIED).select_related(
        "programme"
    )
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("programme", "organisation")
        if invitation.is_open
    ]
    organisation_invitations = [
        invitation
        for invitation in OrganisationInvitation.objects.filter(
            email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("organisation")
        if invitation.is_open
    ]
    joined = {programme.pk for programme in programmes} | {m.programme_id for m in pending}
    return {
        "cards": cards,
        "waiting_total": sum(card["waiting"] for card in cards),
        "pending": pending,
        "invitations": invitations,
        "organisation_invitations": organisation_invitations,
        "registrations": services.registrations_upcoming_for(user)[:10],
        # Shown only to people without a programme: not queried for everybody else.
        "open_programmes": (
            [p for p in selectors.programme_list_public() if p.pk not in joined]
            if not cards
            else []
        ),
        "calendar_url": reverse("collider:calendar_feed", args=[user.calendar_token]),
    }
