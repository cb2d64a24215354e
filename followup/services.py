"""Every write of the follow-up app. Stage moves are one service per transition: each checks the
actor and the from-stage, records a move with its note (and the audit trail records the stage),
and the move to "meeting held" or "agreement" schedules the two-sided check-ins in the outbox."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from collider import kpis
from collider.models import Organisation, Programme, User
from collider.services import reminder_schedule, reminders_cancel_for
from collider.uploads import MB, UploadRule, validate_upload

from .actions import (
    CHECKIN_ANSWER,
    COOPERATION_AGREEMENT_REACH,
    COOPERATION_COMPLETE,
    COOPERATION_CREATE,
    COOPERATION_MEETING_HELD,
    COOPERATION_NEGOTIATION_START,
    COOPERATION_RUN,
    COOPERATION_STOP,
    KPI_CORRECTION_ADD,
    MILESTONE_ADD,
    MILESTONE_DONE,
    MILESTONE_EVIDENCE,
    PERIOD_CREATE,
    PERIOD_LOCK,
    PERIOD_TARGETS_SET,
)
from .enums import CHECKIN_MONTHS, Anchor, CheckInSide, Outcome, Stage
from .models import (
    CheckIn,
    Cooperation,
    KpiCorrection,
    KpiTarget,
    Milestone,
    ReportingPeriod,
    StageMove,
)

CHECKIN_KIND = "followup_checkin"
#: Evidence for a correction or a milestone (checked by the platform's one upload validator).
EVIDENCE = UploadRule(kinds=("pdf", "png", "jpeg", "csv", "xlsx", "docx", "txt"), max_bytes=5 * MB)


# --- Reporting periods, targets, corrections --------------------------------------------------


@PERIOD_CREATE.performs
def period_create(
    *, actor: User, programme: Programme, name: str, starts_on: date, ends_on: date
) -> ReportingPeriod:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The period must end on or after its start.")})
    if ReportingPeriod.objects.filter(programme=programme, name=name).exists():
        raise ValidationError({"name": _("A period with this name exists already.")})
    return ReportingPeriod.objects.create(
        programme=programme, name=name, starts_on=starts_on, ends_on=ends_on
    )


@PERIOD_TARGETS_SET.performs
def period_targets_set(
    *, actor: User, period: ReportingPeriod, targets: dict[str, int | None]
) -> ReportingPeriod:
    """Set (or, with None, remove) the targets of ``period`` for the given indicator keys."""
    for key, value in targets.items():
        kpi = kpis.kpi_get(key)
        if kpi is None:
            raise ValidationError(_("Unknown indicator %(key)s.") % {"key": key})
        if value is not None and kpi.is_percent and not 0 <= value <= 100:
            raise ValidationError({key: _("A target for a percentage lies between 0 and 100.")})
        if value is None:
            KpiTarget.objects.filter(period=period, key=key).delete()
        else:
            KpiTarget.objects.update_or_create(period=period, key=key, defaults={"target": value})
    return period


def _check_evidence(evidence, field: str = "evidence") -> None:
    try:
        validate_upload(evidence, EVIDENCE)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


@KPI_CORRECTION_ADD.performs
def kpi_correction_add(
    *, actor: User, period: ReportingPeriod, key: str, delta: int, reason: str, evidence
) -> KpiCorrection:
    """Adjust a computed value by hand; only with a reason and an evidence file, never locked."""
    if kpis.kpi_get(key) is None:
        raise ValidationError({"key": _("Unknown indicator.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the value is corrected.")})
    if not evidence:
        raise ValidationError({"evidence": _("Attach the evidence for the correction.")})
    if delta == 0:
        raise ValidationError({"delta": _("A correction of zero changes nothing.")})
    _check_evidence(evidence)
    return KpiCorrection.objects.create(
        period=period,
        key=key,
        delta=delta,
        reason=reason.strip(),
        evidence=evidence,
        created_by=actor,
    )


@PERIOD_LOCK.performs
def period_lock(*, actor: User, period: ReportingPeriod) -> ReportingPeriod:
    """Freeze the period: the computed values are stored and no longer follow the records."""
    period.snapshot = kpis.compute(period.programme, period.starts_on, period.ends_on)
    period.locked_at = timezone.now()
    period.locked_by = actor
    period.save(update_fields=["snapshot", "locked_at", "locked_by"])
    return period


# --- Cooperation pipeline ---------------------------------------------------------------------


@COOPERATION_CREATE.performs
def cooperation_create(
    *,
    actor: User,
    programme: Programme,
    title: str,
    cci_organisation: Organisation,
    avm_organisation: Organisation,
    cci_contact: User | None = None,
    avm_contact: User | None = None,
    goals: str = "",
) -> Cooperation:
    """Record a pair at first contact (by hand, when no platform record brought it in)."""
    if cci_organisation.pk == avm_organisation.pk:
        raise ValidationError(
            {"avm_organisation": _("A cooperation needs two different organisations.")}
        )
    now = timezone.now()
    cooperation = Cooperation.objects.create(
        programme=programme,
        title=title,
        cci_organisation=cci_organisation,
        avm_organisation=avm_organisation,
        cci_contact=cci_contact,
        avm_contact=avm_contact,
        goals=goals,
        stage=Stage.FIRST_CONTACT,
        stage_changed_at=now,
        created_by=actor,
    )
    StageMove.objects.create(
        cooperation=cooperation,
        from_stage=Stage.FIRST_CONTACT,
        to_stage=Stage.FIRST_CONTACT,
        note=_("Recorded"),
        by=actor,
        at=now,
    )
    return cooperation


def _add_months(moment: datetime, months: int) -> datetime:
    # A month is 30 days here: check-ins need a steady rhythm, not calendar precision.
    return moment + timedelta(days=30 * months)


def checkins_schedule(*, cooperation: Cooperation, anchor: str, at: datetime) -> list[CheckIn]:
    """Create the 1/3/6/12-month check-ins for each side with a contact and queue one e-mail
    per check-in, to that side only (idempotent: the outbox dedupes on the check-in)."""
    created = []
    for side, respondent in (
        (CheckInSide.CCI, cooperation.cci_contact),
        (CheckInSide.AVM, cooperation.avm_contact),
    ):
        if respondent is None:
            continue
        for months in CHECKIN_MONTHS:
            checkin, _new = CheckIn.objects.get_or_create(
                cooperation=cooperation,
                anchor=anchor,
                months=months,
                side=side,
                defaults={"respondent": respondent, "due_at": _add_months(at, months)},
            )
            reminder_schedule(
                kind=CHECKIN_KIND,
                email=respondent.email,
                recipient=respondent,
                programme=cooperation.programme,
                target=checkin,
                due_at=checkin.due_at,
                dedupe_key=f"followup-checkin:{checkin.pk}",
            )
            created.append(checkin)
    return created


#: Which stages each transition leaves from.


def _record_move(cooperation: Cooperation, *, to: str, note: str, by: User | None) -> Cooperation:
    now = timezone.now()
    StageMove.objects.create(
        cooperation=cooperation,
        from_stage=cooperation.stage,
        to_stage=to,
        note=note,
        by=by,
        at=now,
    )
    cooperation.stage = to
    cooperation.stage_changed_at = now
    cooperation.save(update_fields=["stage", "stage_changed_at"])
    return cooperation


def _move(*, actor: User, cooperation: Cooperation, to: str, note: str) -> Cooperation:
    """A move by hand, on the row its declaration locked and checked (who, from which stage)."""
    if not note.strip():
        raise ValidationError({"note": _("Add a note on why the stage changes.")})
    return _record_move(cooperation, to=to, note=note.strip(), by=actor)


@COOPERATION_MEETING_HELD.performs
def cooperation_meeting_held(*, actor: User, cooperation: Cooperation, note: str) -> Cooperation:
    """First contact → meeting held; schedules the check-ins after the meeting."""
    cooperation = _move(actor=actor, cooperation=cooperation, to=Stage.MEETING_HELD, note=note)
    checkins_schedule(cooperation=cooperation, anchor=Anchor.MEETING, at=timezone.now())
    return cooperation


@COOPERATION_NEGOTIATION_START.performs
def cooperation_negotiation_start(
    *, actor: User, cooperation: Cooperation, note: str
) -> Cooperation:
    return _move(actor=actor, cooperation=cooperation, to=Stage.NEGOTIATION, note=note)


@COOPERATION_AGREEMENT_REACH.performs
def cooperation_agreement_reach(*, actor: User, cooperation: Cooperation, note: str) -> Cooperation:
    """→ agreement; schedules the check-ins after the agreement."""
    cooperation = _move(actor=actor, cooperation=cooperation, to=Stage.AGREEMENT, note=note)
    checkins_schedule(cooperation=cooperation, anchor=Anchor.AGREEMENT, at=timezone.now())
    return cooperation


@COOPERATION_RUN.performs
def cooperation_run(*, actor: User, cooperation: Cooperation, note: str) -> Cooperation:
    return _move(actor=actor, cooperation=cooperation, to=Stage.RUNNING, note=note)


@COOPERATION_COMPLETE.performs
def cooperation_complete(*, actor: User, cooperation: Cooperation, note: str) -> Cooperation:
    return _move(actor=actor, cooperation=cooperation, to=Stage.COMPLETED, note=note)


@COOPERATION_STOP.performs
def cooperation_stop(*, actor: User, cooperation: Cooperation, note: str) -> Cooperation:
    """Any open stage → stopped; pending check-in e-mails are cancelled."""
    cooperation = _move(actor=actor, cooperation=cooperation, to=Stage.STOPPED, note=note)
    for checkin in cooperation.checkins.filter(answered_at__isnull=True):
        reminders_cancel_for(target=checkin, kinds=[CHECKIN_KIND])
    return cooperation


#: The service for a move to each stage (the board's form picks one by target stage).
MOVE_SERVICES = {
    Stage.MEETING_HELD: cooperation_meeting_held,
    Stage.NEGOTIATION: cooperation_negotiation_start,
    Stage.AGREEMENT: cooperation_agreement_reach,
    Stage.RUNNING: cooperation_run,
    Stage.COMPLETED: cooperation_complete,
    Stage.STOPPED: cooperation_stop,
}


# --- Check-ins --------------------------------------------------------------------------------


@CHECKIN_ANSWER.performs
def checkin_answer(*, actor: User, checkin: CheckIn, outcome: str, comment: str = "") -> CheckIn:
    """The respondent answers once, when the check-in is due (the declaration guards who and
    when); the e-mail for it no longer goes out."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome from the scale.")})
    checkin.outcome = outcome
    checkin.comment = comment.strip()
    checkin.answered_at = timezone.now()
    checkin.save(update_fields=["outcome", "comment", "answered_at"])
    reminders_cancel_for(target=checkin, kinds=[CHECKIN_KIND])
    return checkin


# --- Milestones -------------------------------------------------------------------------------

MILESTONE_OVERDUE_KIND = "followup_milestone_overdue"


@MILESTONE_ADD.performs
def milestone_add(*, actor: User, cooperation: Cooperation, title: str, due_on: date) -> Milestone:
    """Add a deliverable; the day after it is due, both contacts are reminded if still open."""
    if not title.strip():
        raise ValidationError({"title": _("Name the milestone.")})
    milestone = Milestone.objects.create(
        cooperation=cooperation, title=title.strip(), due_on=due_on
    )
    _milestone_reminders(milestone)
    return milestone


def _milestone_reminders(milestone: Milestone) -> None:
    cooperation = milestone.cooperation
    due_on = milestone.due_on
    overdue_at = timezone.make_aware(datetime.combine(due_on + timedelta(days=1), time(9)))
    for side, person in (("cci", cooperation.cci_contact), ("avm", cooperation.avm_contact)):
        if person is not None:
            reminder_schedule(
                kind=MILESTONE_OVERDUE_KIND,
                email=person.email,
                recipient=person,
                programme=cooperation.programme,
                target=milestone,
                due_at=overdue_at,
                dedupe_key=f"followup-milestone:{milestone.pk}:{side}",
            )


def _milestone_complete(milestone: Milestone, *, evidence_file, evidence_link: str) -> Milestone:
    """Mark the locked ``milestone`` done with its evidence (a file or a link); cancels its
    reminders. The body of both the partners' and the parties' declaration."""
    if milestone.is_done:
        raise ValidationError(_("This milestone is done already."))
    if not evidence_file and not evidence_link:
        raise ValidationError(_("Attach a file or give a link as evidence."))
    if evidence_file:
        _check_evidence(evidence_file, "evidence_file")
        milestone.evidence_file = evidence_file
    milestone.evidence_link = evidence_link
    milestone.done_at = timezone.now()
    milestone.save()
    reminders_cancel_for(target=milestone, kinds=[MILESTONE_OVERDUE_KIND])
    return milestone


@MILESTONE_DONE.performs
def milestone_done(
    *, actor: User, milestone: Milestone, evidence_file=None, evidence_link: str = ""
) -> Milestone:
    """A partner marks a milestone done; it needs evidence, a file or a link."""
    return _milestone_complete(milestone, evidence_file=evidence_file, evidence_link=evidence_link)


@MILESTONE_EVIDENCE.performs
def milestone_evidence_give(
    *, actor: User, milestone: Milestone, evidence_file=None, evidence_link: str = ""
) -> Milestone:
    """A party of the cooperation (on "My cooperation") delivers the milestone with its
    evidence, checked by the platform's one upload validator."""
    return _milestone_complete(milestone, evidence_file=evidence_file, evidence_link=evidence_link)
