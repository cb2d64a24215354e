"""The joint evaluation: every write (save the shared text, confirm it)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import User
from collider.services import reminder_schedule
from collider.versioning import ensure_current
from tandems.selectors import partner_staff, tandem_partners

from ..actions import EVALUATION_CONFIRM, EVALUATION_SAVE
from ..models import EvaluationConfirmation, JointEvaluation, ReportingPeriod
from ..selectors import KpiRow, kpi_rows
from .selectors import SECTION_MAX, partner_of


def _freeze(rows: list[KpiRow]) -> list[dict]:
    return [{**asdict(row), "value": row.value, "progress": row.progress} for row in rows]


@EVALUATION_SAVE.performs
def evaluation_save(
    *,
    actor: User,
    period: ReportingPeriod,
    strengths: str,
    weaknesses: str,
    challenges: str,
    lessons: str,
    based_on: str | None = None,
) -> tuple[JointEvaluation, int]:
    """Write the shared text. Returns the evaluation and how many confirmations the change
    cleared (a changed text must be confirmed again by every partner organisation). A text
    based on an older version (``based_on``) is refused (StaleEdit)."""
    texts = {
        "strengths": strengths.strip(),
        "weaknesses": weaknesses.strip(),
        "challenges": challenges.strip(),
        "lessons": lessons.strip(),
    }
    too_long = {
        name: _("At most %(n)s characters.") % {"n": SECTION_MAX}
        for name, text in texts.items()
        if len(text) > SECTION_MAX
    }
    if too_long:
        raise ValidationError(too_long)
    ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    evaluation = JointEvaluation.objects.filter(period=period).first()
    if evaluation is None:
        evaluation = JointEvaluation(period=period)
    elif evaluation.is_final:
        raise ValidationError(_("The evaluation is final; it can no longer change."))
    ensure_current(evaluation, based_on)
    changed = any(getattr(evaluation, name) != text for name, text in texts.items())
    if evaluation.pk and not changed:
        return evaluation, 0
    with set_actor(actor):
        for name, text in texts.items():
            setattr(evaluation, name, text)
        evaluation.edited_by = actor
        evaluation.edited_at = timezone.now()
        evaluation.save()
        cleared, _detail = evaluation.confirmations.all().delete()
    _ask_confirmations(evaluation, actor=actor)
    return evaluation, cleared


CONFIRM_KIND = "followup_evaluation_confirm"
#: An unconfirmed evaluation is reminded this many days after the text was written.
CONFIRM_REMINDER_DAYS = (3, 7)


def _ask_confirmations(evaluation: JointEvaluation, *, actor: User) -> None:
    """Ask the staff of every partner organisation that has not confirmed this text (an
    "[Action required]" e-mail now, to all but ``actor``, and reminders after 3 and 7 days).
    Nothing while a section is empty; the renderer drops a row once their organisation
    confirmed, the text changed again or the evaluation is final."""
    if not all(getattr(evaluation, name).strip() for name in JointEvaluation.SECTIONS):
        return
    programme = evaluation.period.programme
    confirmed = set(evaluation.confirmations.values_list("partner__organisation_id", flat=True))
    waiting = {
        p.organisation_id
        for p in tandem_partners(programme=programme)
        if p.organisation_id not in confirmed
    }
    version = evaluation.edited_at.isoformat()
    now = timezone.now()
    for staff in partner_staff(programme=programme):
        if staff.organisation_id not in waiting:
            continue
        person = staff.user
        for days in (0, *CONFIRM_REMINDER_DAYS):
            if days == 0 and person.pk == actor.pk:
                continue  # the writer is on the page that asks them
            reminder_schedule(
                kind=CONFIRM_KIND,
                email=person.email,
                recipient=person,
                programme=programme,
                target=evaluation,
                due_at=now + timedelta(days=days),
                dedupe_key=f"followup-eval:{evaluation.pk}:{person.pk}:{version}:{days}",
                context={
                    "version": version,
                    "organisation": staff.organisation_id,
                    "days_waiting": days,
                },
            )


@EVALUATION_CONFIRM.performs
def evaluation_confirm(*, actor: User, evaluation: JointEvaluation) -> JointEvaluation:
    """``actor`` confirms the current text for their own partner organisation (the declaration
    guards who and the evaluation's state). The last confirmation makes the evaluation final
    and freezes the period's KPI rows into it."""
    programme = evaluation.period.programme
    partner = partner_of(user=actor, programme=programme)
    now = timezone.now()
    with set_actor(actor):
        EvaluationConfirmation.objects.create(
            evaluation=evaluation, partner=partner, confirmed_by=actor, confirmed_at=now
        )
        confirmed = set(evaluation.confirmations.values_list("partner_id", flat=True))
        everyone = set(tandem_partners(programme=programme).values_list("pk", flat=True))
        if everyone <= confirmed:
            evaluation.kpi_snapshot = _freeze(kpi_rows(period=evaluation.period))
            evaluation.finalised_at = now
            evaluation.save(update_fields=["kpi_snapshot", "finalised_at"])
    return evaluation
