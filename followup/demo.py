"""Demo data of the follow-up app: a reporting period with the ELCA plan's targets and a few
cooperations at different stages (idempotent)."""

from __future__ import annotations

from .enums import Stage
from .models import Cooperation, ReportingPeriod
from .services import (
    cooperation_agreement_reach,
    cooperation_create,
    cooperation_meeting_held,
    cooperation_negotiation_start,
    cooperation_run,
    period_create,
    period_targets_set,
)

#: Targets from the ELCA cross-fertilisation plan.
ELCA_TARGETS = {
    "cooperations.agreements": 38,
    "events.total": 38,
    # "International meetings" of the plan: events or 1:1 meetings with two countries or more.
    "international.meetings": 12,
    "events.workshops": 10,
}

PAIRS = (
    ("Sensor housing redesign with user research", Stage.RUNNING),
    ("Showroom storytelling for a machining line", Stage.NEGOTIATION),
    ("AR assembly instructions pilot", Stage.MEETING_HELD),
)

_PATH = {
    Stage.MEETING_HELD: [cooperation_meeting_held],
    Stage.NEGOTIATION: [cooperation_meeting_held, cooperation_negotiation_start],
    Stage.RUNNING: [
        cooperation_meeting_held,
        cooperation_negotiation_start,
        cooperation_agreement_reach,
        cooperation_run,
    ],
}


def _organisation_of(programme, user):
    membership = programme.memberships.filter(user=user, organisation__isnull=False).first()
    return membership.organisation if membership else None


def build_demo(*, programme, people, stdout=None) -> None:
    actor = people.partners[0]
    if not ReportingPeriod.objects.filter(programme=programme).exists():
        period = period_create(
            actor=actor,
            programme=programme,
            name="Programme period",
            starts_on=programme.starts_on,
            ends_on=programme.ends_on,
        )
        period_targets_set(actor=actor, period=period, targets=ELCA_TARGETS)
    if Cooperation.objects.filter(programme=programme).exists():
        return
    for (title, stage), cci, avm in zip(PAIRS, people.cci, people.avm, strict=False):
        cci_org, avm_org = _organisation_of(programme, cci), _organisation_of(programme, avm)
        if cci_org is None or avm_org is None or cci_org == avm_org:
            continue
        cooperation = cooperation_create(
            actor=actor,
            programme=programme,
            title=title,
            cci_organisation=cci_org,
            avm_organisation=avm_org,
            cci_contact=cci,
            avm_contact=avm,
        )
        for service in _PATH[stage]:
            cooperation = service(
                actor=actor, cooperation=cooperation, note="Agreed in the partner meeting."
            )
    if stdout:
        stdout.write("  follow-up: reporting period, targets and cooperations\n")
