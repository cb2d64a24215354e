"""Services of the follow-up app: periods, corrections, stage moves, check-ins."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collider.enums import ReminderState, Role
from collider.models import Reminder
from collider.services import reminder_sweep
from followup import selectors, services
from followup.enums import Anchor, Outcome, Stage
from followup.models import CheckIn, KpiCorrection, StageMove
from tests.factories import member

from .factories import ReportingPeriodFactory, make_checkins_due


def test_period_create_refuses_an_end_before_the_start(programme, partner):
    today = timezone.localdate()

    with pytest.raises(ValidationError) as error:
        services.period_create(
            actor=partner,
            programme=programme,
            name="2026",
            starts_on=today,
            ends_on=today - timedelta(days=1),
        )

    assert error.value.message_dict == {"ends_on": ["The period must end on or after its start."]}


def test_period_create_refuses_a_participant(programme, cci):
    today = timezone.localdate()

    with pytest.raises(PermissionDenied):
        services.period_create(
            actor=cci, programme=programme, name="2026", starts_on=today, ends_on=today
        )


def test_correction_requires_a_reason(programme, partner, evidence):
    period = ReportingPeriodFactory(programme=programme)

    with pytest.raises(ValidationError) as error:
        services.kpi_correction_add(
            actor=partner,
            period=period,
            key="events.total",
            delta=1,
            reason=" ",
            evidence=evidence(),
        )

    assert error.value.message_dict == {"reason": ["Say why the value is corrected."]}


def test_correction_requires_evidence(programme, partner):
    period = ReportingPeriodFactory(programme=programme)

    with pytest.raises(ValidationError) as error:
        services.kpi_correction_add(
            actor=partner, period=period, key="events.total", delta=1, reason="x", evidence=None
        )

    assert error.value.message_dict == {"evidence": ["Attach the evidence for the correction."]}


def test_correction_refuses_an_executable_file(programme, partner, evidence):
    period = ReportingPeriodFactory(programme=programme)

    with pytest.raises(ValidationError) as error:
        services.kpi_correction_add(
            actor=partner,
            period=period,
            key="events.total",
            delta=1,
            reason="x",
            evidence=evidence(name="tool.exe"),
        )

    assert error.value.message_dict == {
        "evidence": ["Upload one of these file types: PDF, PNG, JPEG, CSV, XLSX, DOCX, TXT."]
    }


def test_locked_period_refuses_corrections_and_targets(programme, partner, evidence):
    period = services.period_lock(actor=partner, period=ReportingPeriodFactory(programme=programme))

    with pytest.raises(ValidationError):
        services.kpi_correction_add(
            actor=partner,
            period=period,
            key="events.total",
            delta=1,
            reason="late",
            evidence=evidence(),
        )
    with pytest.raises(ValidationError):
        services.period_targets_set(actor=partner, period=period, targets={"events.total": 3})

    assert (KpiCorrection.objects.count(), period.targets.count()) == (0, 0)


def test_period_lock_twice_is_refused(programme, partner):
    period = services.period_lock(actor=partner, period=ReportingPeriodFactory(programme=programme))

    with pytest.raises(ValidationError) as error:
        services.period_lock(actor=partner, period=period)

    assert error.value.messages == ["This period is locked; its figures can no longer change."]


def test_cooperation_moves_through_the_pipeline_with_notes(partner, pair):
    for service in (
        services.cooperation_meeting_held,
        services.cooperation_negotiation_start,
        services.cooperation_agreement_reach,
        services.cooperation_run,
        services.cooperation_complete,
    ):
        pair = service(actor=partner, cooperation=pair, note=f"step {service.__name__}")

    moves = list(StageMove.objects.filter(cooperation=pair).values_list("to_stage", flat=True))
    assert pair.stage == Stage.COMPLETED
    assert moves == [
        Stage.FIRST_CONTACT,
        Stage.MEETING_HELD,
        Stage.NEGOTIATION,
        Stage.AGREEMENT,
        Stage.RUNNING,
        Stage.COMPLETED,
    ]


def test_cooperation_move_refuses_a_skipped_stage(partner, pair):
    with pytest.raises(ValidationError) as error:
        services.cooperation_run(actor=partner, cooperation=pair, note="too early")

    assert error.value.messages == ["A cooperation cannot move from “First contact” to “Running”."]


def test_cooperation_move_requires_a_note(partner, pair):
    with pytest.raises(ValidationError) as error:
        services.cooperation_meeting_held(actor=partner, cooperation=pair, note="  ")

    assert error.value.message_dict == {"note": ["Add a note on why the stage changes."]}


def test_cooperation_move_refuses_an_expert(programme, pair):
    expert = member(programme, Role.EXPERT)

    with pytest.raises(PermissionDenied):
        services.cooperation_meeting_held(actor=expert, cooperation=pair, note="met")


def test_cooperation_move_by_a_facilitator_is_recorded_in_their_name(programme, pair):
    facilitator = member(programme, Role.FACILITATOR)

    moved = services.cooperation_meeting_held(actor=facilitator, cooperation=pair, note="met")

    move = moved.moves.order_by("-pk").first()
    assert (moved.stage, move.by, move.note) == (Stage.MEETING_HELD, facilitator, "met")


def test_cooperation_move_is_audited(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")

    entry = LogEntry.objects.get_for_object(pair).order_by("-pk").first()

    assert entry.changes_dict["stage"] == [Stage.FIRST_CONTACT, Stage.MEETING_HELD]


def test_meeting_held_schedules_check_ins_for_each_side_separately(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")

    rows = sorted(
        Reminder.objects.filter(kind=services.CHECKIN_KIND).values_list("email", "due_at")
    )
    months = sorted(CheckIn.objects.filter(anchor=Anchor.MEETING).values_list("side", "months"))

    assert months == [
        ("avm", 1),
        ("avm", 3),
        ("avm", 6),
        ("avm", 12),
        ("cci", 1),
        ("cci", 3),
        ("cci", 6),
        ("cci", 12),
    ]
    assert [email for email, _ in rows].count("ana@studio.example") == 4
    assert [email for email, _ in rows].count("marko@metal.example") == 4


def test_check_in_e_mail_goes_to_one_side_when_due(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    mail.outbox.clear()

    reminder_sweep(now=timezone.now() + timedelta(days=31))

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@studio.example",
        "marko@metal.example",
    ]
    assert (
        mail.outbox[0].subject
        == "[Collider] [Action required] How is “Sensor housing redesign” going? (1-month check-in)"
    )


def test_check_in_answers_that_differ_raise_the_disagreement_flag(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    cci_checkin = CheckIn.objects.get(side="cci", months=1)
    avm_checkin = CheckIn.objects.get(side="avm", months=1)

    services.checkin_answer(
        actor=pair.cci_contact, checkin=cci_checkin, outcome=Outcome.NEGOTIATION
    )
    after_one = selectors.has_disagreement(
        selectors.cooperation_get(programme=pair.programme, pk=pair.pk)
    )
    services.checkin_answer(
        actor=pair.avm_contact, checkin=avm_checkin, outcome=Outcome.NO_CONTACT, comment="Silent."
    )
    after_both = selectors.has_disagreement(
        selectors.cooperation_get(programme=pair.programme, pk=pair.pk)
    )

    assert (after_one, after_both) == (False, True)


def test_check_in_answers_that_match_raise_no_flag(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    for side, person in (("cci", pair.cci_contact), ("avm", pair.avm_contact)):
        services.checkin_answer(
            actor=person,
            checkin=CheckIn.objects.get(side=side, months=1),
            outcome=Outcome.VALUABLE_CONTACT,
        )

    flag = selectors.has_disagreement(
        selectors.cooperation_get(programme=pair.programme, pk=pair.pk)
    )

    assert flag is False


def test_check_in_answer_cancels_its_e_mail(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    checkin = CheckIn.objects.get(side="cci", months=1)

    services.checkin_answer(actor=pair.cci_contact, checkin=checkin, outcome=Outcome.KNOWLEDGE)

    reminder = Reminder.objects.get(dedupe_key=f"followup-checkin:{checkin.pk}")
    assert reminder.state == ReminderState.CANCELLED


def test_check_in_answer_refuses_the_other_side(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    checkin = CheckIn.objects.get(side="cci", months=1)

    with pytest.raises(PermissionDenied):
        services.checkin_answer(actor=pair.avm_contact, checkin=checkin, outcome=Outcome.KNOWLEDGE)


def test_check_in_answer_twice_is_refused(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    checkin = CheckIn.objects.get(side="cci", months=1)
    services.checkin_answer(actor=pair.cci_contact, checkin=checkin, outcome=Outcome.KNOWLEDGE)

    with pytest.raises(ValidationError) as error:
        services.checkin_answer(actor=pair.cci_contact, checkin=checkin, outcome=Outcome.GOALS_MET)

    assert error.value.messages == ["This check-in has been answered already."]


def test_stop_cancels_pending_check_in_e_mails(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")

    services.cooperation_stop(actor=partner, cooperation=pair, note="The company was sold.")

    states = set(
        Reminder.objects.filter(kind=services.CHECKIN_KIND).values_list("state", flat=True)
    )
    assert states == {ReminderState.CANCELLED}
