"""What matchmaking asks of people on their dashboard."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collider.enums import Role
from collider.registry import NextStep
from collider.rules import programme_ids_as

from .enums import RequestStatus
from .models import MeetingRequest, Party, Profile


def _facts(user) -> dict:
    """Profiles, unanswered requests and unsigned agreements of ``user`` in every programme,
    loaded once (at most three queries) and cached on the user: the dashboard asks per programme."""
    cached = getattr(user, "_matchmaking_facts", None)
    if cached is None:
        # Profiles and requests are asked of participants only: no query where the user takes
        # part in no programme (an empty ``__in`` runs none).
        profiles = dict(
            Profile.objects.filter(
                user=user, programme_id__in=programme_ids_as(user, Role.PARTICIPANT)
            ).values_list("pk", "programme_id")
        )
        cached = {
            "profiles": set(profiles.values()),
            # Driven by the recipient index (no query without a profile).
            "waiting": Counter(
                MeetingRequest.objects.filter(
                    recipient_id__in=list(profiles), status=RequestStatus.PENDING
                ).values_list("workshop__event__programme_id", flat=True)
            ),
            "unsigned": Counter(
                Party.objects.filter(user=user, signed_at=None).values_list(
                    "agreement__programme_id", flat=True
                )
            ),
        }
        user._matchmaking_facts = cached
    return cached


def next_steps(*, user, programme, roles):
    facts = _facts(user)
    if Role.PARTICIPANT in roles:
        if programme.pk not in facts["profiles"]:
            yield NextStep(
                _("State what you offer or look for"),
                reverse("matchmaking:profile_edit", args=[programme.slug]),
                _("Recommendations and the match-making workshop work from your profile."),
                40,
            )
        waiting = facts["waiting"][programme.pk]
        if waiting:
            yield NextStep(
                ngettext("Answer %(n)s meeting request", "Answer %(n)s meeting requests", waiting)
                % {"n": waiting},
                reverse("matchmaking:hub", args=[programme.slug]),
                _("Unanswered requests expire."),
                20,
            )
    unsigned = facts["unsigned"][programme.pk]
    if unsigned:
        yield NextStep(
            ngettext("Sign %(n)s agreement", "Sign %(n)s agreements", unsigned) % {"n": unsigned},
            reverse("matchmaking:agreement_list", args=[programme.slug]),
            _("An agreement counts once every party has signed."),
            15,
        )
