"""The KPI engine (collider/kpis.py) and the follow-up app's indicators, against a hand-counted
fixture: which events count, which meetings are international, what a locked period keeps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collider import kpis
from collider.enums import EventKind, EventStatus, RegistrationStatus, Role, Sector
from collider.models import OrganisationMember
from followup import selectors, services
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RegistrationFactory,
    member,
)

from .factories import ReportingPeriodFactory


def _in(days: int):
    return timezone.now() + timedelta(days=days)


@pytest.fixture
def records(programme):
    """Hand-counted records, inside a period of today ± 10 days.

    People: Ana (CCI, Austrian org), Bojan (AVM, Slovenian org), Clara (CCI, Austrian org).
    e1 info day, Ana + Bojan confirmed            → international (AT + SI)
    e2 challenge pitch, Ana + Clara                → workshop, one country only
    e3 match-making, Ana confirmed, Bojan cancelled → workshop, not international
    e4 training session, Ana and Bojan attended, Clara did not → international (AT + SI)
    outside: an info day after the period, a cancelled info day, another programme's event
    """
    at = OrganisationFactory(country="AT")
    si = OrganisationFactory(country="SI", sector=Sector.AVM)
    ana = member(programme, Role.PARTICIPANT, Sector.CCI)
    bojan = member(programme, Role.PARTICIPANT, Sector.AVM)
    clara = member(programme, Role.PARTICIPANT, Sector.CCI)
    for user, org in ((ana, at), (bojan, si), (clara, at)):
        OrganisationMember.objects.create(organisation=org, user=user)

    def event(kind, days, *registrants, **fields):
        e = EventFactory(
            programme=fields.pop("programme", programme),
            kind=kind,
            starts_at=_in(days),
            **fields,
        )
        for user, status, attended in registrants:
            RegistrationFactory(event=e, user=user, status=status, attended=attended)
        return e

    ok = RegistrationStatus.CONFIRMED
    event(EventKind.INFO_DAY, -3, (ana, ok, None), (bojan, ok, None))
    event(EventKind.CHALLENGE_PITCH, -2, (ana, ok, None), (clara, ok, None))
    event(
        EventKind.MATCHMAKING,
        2,
        (ana, ok, None),
        (bojan, RegistrationStatus.CANCELLED, None),
    )
    event(EventKind.TRAINING_SESSION, 3, (ana, ok, True), (bojan, ok, True), (clara, ok, False))
    event(EventKind.INFO_DAY, 40, (ana, ok, None), (bojan, ok, None))
    event(EventKind.INFO_DAY, 4, (ana, ok, None), (bojan, ok, None), status=EventStatus.CANCELLED)
    event(EventKind.INFO_DAY, 1, programme=ProgrammeFactory())
    return {"ana": ana, "bojan": bojan, "at": at, "si": si}


EXPECTED = {
    "events.total": 4,
    "events.info_day": 1,
    "events.challenge_pitch": 1,
    "events.matchmaking": 1,
    "events.training_session": 1,
    "events.idea_pitch": 0,
    "events.partner_meeting": 0,
    "events.company_visit": 0,
    "events.other": 0,
    "events.workshops": 2,
    "events.international": 2,
    "participants.cci": 2,
    "participants.avm": 1,
    "trainings.attended": 2,
    "cooperations.meetings_held": 0,
    "cooperations.agreements": 0,
    "cooperations.completed": 0,
}


def test_compute_counts_the_hand_counted_fixture(programme, records):
    today = timezone.localdate()

    values = kpis.compute(programme, today - timedelta(days=10), today + timedelta(days=10))

    # Other phase apps register indicators too; these are the core's and follow-up's.
    assert {key: values[key] for key in EXPECTED} == EXPECTED


def test_international_meeting_needs_two_countries_among_confirmed_registrants(programme, records):
    today = timezone.localdate()
    e = EventFactory(programme=programme, kind=EventKind.OTHER, starts_at=_in(5))
    RegistrationFactory(event=e, user=records["ana"])
    before = kpis.compute(programme, today + timedelta(days=5), today + timedelta(days=10))[
        "events.international"
    ]
    RegistrationFactory(event=e, user=records["bojan"])

    after = kpis.compute(programme, today + timedelta(days=5), today + timedelta(days=10))[
        "events.international"
    ]

    assert (before, after) == (0, 1)


def test_registry_registers_a_new_indicator():
    kpis.register_kpi("test.constant", "Constant")(lambda programme, start, end: 7)
    try:
        definition = kpis.kpi_get("test.constant")
        value = definition.fn(None, None, None)
    finally:
        kpis._kpis.pop("test.constant")

    assert (definition.label, value) == ("Constant", 7)


def test_locked_period_keeps_its_values_when_records_change(programme, records, partner):
    period = ReportingPeriodFactory(programme=programme)
    period = services.period_lock(actor=partner, period=period)
    e = EventFactory(programme=programme, kind=EventKind.INFO_DAY, starts_at=_in(1))
    RegistrationFactory(event=e, user=records["ana"])
    RegistrationFactory(event=e, user=records["bojan"])
    open_period = ReportingPeriodFactory(programme=programme)

    locked_rows = {row.key: row.value for row in selectors.kpi_rows(period=period)}
    open_rows = {row.key: row.value for row in selectors.kpi_rows(period=open_period)}

    assert (locked_rows["events.international"], locked_rows["events.total"]) == (2, 4)
    assert (open_rows["events.international"], open_rows["events.total"]) == (3, 5)


def test_kpi_rows_add_corrections_and_targets(programme, records, partner, evidence):
    period = ReportingPeriodFactory(programme=programme)
    services.period_targets_set(actor=partner, period=period, targets={"events.total": 8})
    services.kpi_correction_add(
        actor=partner,
        period=period,
        key="events.total",
        delta=2,
        reason="Two info days run in a partner's own building, not on the platform.",
        evidence=evidence(),
    )

    row = next(r for r in selectors.kpi_rows(period=period) if r.key == "events.total")

    assert (row.computed, row.correction, row.value, row.target, row.progress) == (4, 2, 6, 8, 75)


def test_agreement_reached_counts_once_per_cooperation(programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="Met at the fair.")
    services.cooperation_agreement_reach(actor=partner, cooperation=pair, note="Signed.")
    today = timezone.localdate()

    values = kpis.compute(programme, today, today)

    assert (values["cooperations.meetings_held"], values["cooperations.agreements"]) == (1, 1)


def test_a_one_sided_goals_met_does_not_count_while_the_sides_disagree(programme, partner, pair):
    from followup.enums import Outcome
    from followup.kpis import goals_met
    from followup.models import CheckIn

    from .factories import make_checkins_due

    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due(months=1)
    today = timezone.localdate()
    start, end = today - timedelta(days=30), today
    cci = CheckIn.objects.get(side="cci", months=1)
    avm = CheckIn.objects.get(side="avm", months=1)
    services.checkin_answer(actor=pair.cci_contact, checkin=cci, outcome=Outcome.GOALS_MET)
    alone = goals_met(programme, start, end)
    services.checkin_answer(actor=pair.avm_contact, checkin=avm, outcome=Outcome.KNOWLEDGE)
    disagree = goals_met(programme, start, end)
    CheckIn.objects.filter(pk=avm.pk).update(outcome=Outcome.GOALS_MET)

    assert (alone, disagree, goals_met(programme, start, end)) == (100, 0, 100)
