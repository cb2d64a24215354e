"""The personal dashboard: the user's programmes, roles, open phases and next steps."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import registry, selectors, services
from .enums import MembershipStatus, Role
from .models import Invitation, Membership
from .rules import roles_in


@registry.register_next_steps
def core_next_steps(*, user, programme, roles):
    """What the core itself asks of people: decide applications, set dates, sign up for events.

    ``programme`` comes from ``selectors.programme_list_for``, which loads what is read here.
    """
    steps = []
    if Role.PARTNER in roles:
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
                        % {"kind": event.get_kind_display(), "date": event.starts_at.date()},
                        priority=40,
                    )
                )
                break
    return steps


def build(user) -> dict:
    programmes = list(selectors.programme_list_for(user))
    cards = []
    for programme in programmes:
        roles = roles_in(user, programme)
        steps = []
        for provider in registry.next_step_providers():
            steps.extend(provider(user=user, programme=programme, roles=roles))
        cards.append(
            {
                "programme": programme,
                "roles": sorted(Role(role).label for role in roles),
                "is_partner": Role.PARTNER in roles or user.is_superuser,
                "current_phases": services.phases_current(programme, programme.phases.all()),
                "steps": sorted(steps, key=lambda step: step.priority)[:8],
            }
        )
    pending = Membership.objects.filter(user=user, status=MembershipStatus.APPLIED).select_related(
        "programme"
    )
    invitations = [
        invitation
        for invitation in Invitation.objects.filter(
            email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("programme")
        if invitation.is_open
    ]
    joined = {programme.pk for programme in programmes} | {m.programme_id for m in pending}
    return {
        "cards": cards,
        "pending": pending,
        "invitations": invitations,
        "registrations": services.registrations_upcoming_for(user)[:10],
        # Shown only to people without a programme: not queried for everybody else.
        "open_programmes": (
            [p for p in selectors.programme_list_public() if p.pk not in joined]
            if not cards
            else []
        ),
        "calendar_url": reverse("collider:calendar_feed", args=[user.calendar_token]),
    }
