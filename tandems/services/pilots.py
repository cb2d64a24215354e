"""Writes of the pilot actions: stages, publication, peer comments."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collider import services as core
from collider.models import Programme, User
from collider.rules import require
from collider.versioning import ensure_current

from .. import actions
from ..enums import PilotStage
from ..models import (
    PeerComment,
    PilotAction,
    TandemPartner,
)
from ..rules import can_peer_comment, partner_programme_ids

# --- Pilot actions ----------------------------------------------------------------------------

#: What each stage needs before the pilot action may enter it (the stage gates).
STAGE_GATES: dict[str, list[str]] = {
    PilotStage.CONCEPT: ["description", "target_group", "reach_target", "stakeholders"],
    PilotStage.IMPLEMENTATION: [
        "location",
        "timeframe",
        "frequency",
        "methods",
        "critical_factors",
        "success_factors",
        "budget_planned",
    ],
    PilotStage.EVALUATION: ["budget_actual"],
    PilotStage.CLOSED: ["results", "lessons"],
}


def pilot_gate_missing(pilot: PilotAction, stage: str) -> list[str]:
    """Labels of the fields the gate into ``stage`` still lacks."""
    missing = []
    for name in STAGE_GATES.get(stage, []):
        value = getattr(pilot, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(str(PilotAction._meta.get_field(name).verbose_name))
    return missing


@transaction.atomic
def pilot_action_create(
    *, actor: User, programme: Programme, partners: list[TandemPartner], **fields
) -> PilotAction:
    require(actor, "tandems.manage_pilot", programme)
    if any(p.programme_id != programme.pk for p in partners):
        raise ValidationError({"partners": _("Choose partners of this tandem.")})
    pilot = PilotAction(programme=programme, created_by=actor, **fields)
    pilot.full_clean()
    with set_actor(actor):
        pilot.save()
        pilot.partners.set(partners)
    return pilot


@transaction.atomic
def pilot_action_update(
    *,
    actor: User,
    pilot: PilotAction,
    partners: list[TandemPartner] | None = None,
    based_on: str | None = None,
    **fields,
) -> PilotAction:
    """Change the template's texts. An edit based on an older version is refused (StaleEdit)."""
    require(actor, "tandems.manage_pilot", pilot.programme)
    # A fresh locked row: a form may already have copied its values onto ``pilot``.
    pilot = PilotAction.objects.select_for_update().select_related("programme").get(pk=pilot.pk)
    ensure_current(pilot, based_on)
    for name, value in fields.items():
        setattr(pilot, name, value)
    pilot.full_clean()
    with set_actor(actor):
        pilot.save()
        if partners is not None:
            if any(p.programme_id != pilot.programme_id for p in partners):
                raise ValidationError({"partners": _("Choose partners of this tandem.")})
            pilot.partners.set(partners)
    return pilot


def pilot_action_advance(*, actor: User, pilot: PilotAction, to_stage: str) -> PilotAction:
    """Move a pilot action to its next stage, if the stage gate is passed. The declaration of
    the move into ``to_stage`` (``tandems.actions.ADVANCE``) guards it and logs it."""
    action = actions.ADVANCE.get(to_stage)
    if action is None:
        raise ValidationError(_("A pilot action cannot move to %(to)s.") % {"to": to_stage or "—"})
    with transaction.atomic():
        pilot = action.lock(pilot)
        action.check(actor, pilot)
        missing = pilot_gate_missing(pilot, to_stage)
        if missing:
            raise ValidationError(
                _("Before moving on, fill in: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        with set_actor(actor):
            pilot.stage = to_stage
            pilot.save(update_fields=["stage", "updated_at"])
        action.record(actor=actor, obj=pilot)
    return pilot


def pilot_action_publish(*, actor: User, pilot: PilotAction, published: bool) -> PilotAction:
    """Show (or hide) an evaluated pilot action in the public toolbox."""
    action = actions.PUBLISH if published else actions.UNPUBLISH
    with transaction.atomic():
        pilot = action.lock(pilot)
        action.check(actor, pilot)
        with set_actor(actor):
            pilot.published = published
            pilot.save(update_fields=["published", "updated_at"])
        action.record(actor=actor, obj=pilot)
    return pilot


@transaction.atomic
def peer_comment_create(*, actor: User, pilot: PilotAction, body: str) -> PeerComment:
    """A partner of another programme comments (crosswise peering). Side effects: e-mails the
    pilot action's creator."""
    if not can_peer_comment.test(actor, pilot):
        raise PermissionDenied(_("Only partners of other programmes give peer comments."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    own = sorted(partner_programme_ids(actor) - {pilot.programme_id})
    with set_actor(actor):
        comment = PeerComment.objects.create(
            pilot_action=pilot,
            author=actor,
            author_programme_id=own[0] if own else None,
            body=body,
        )
    if pilot.created_by_id:
        core.notification_send(
            kind="tandems_peer_comment",
            recipient=pilot.created_by,
            programme=pilot.programme,
            target=comment,
            context={},
            dedupe_key=f"tandems-peer-comment:{comment.pk}",
        )
    return comment


for _action in actions.ADVANCE.values():
    _action.service = pilot_action_advance
actions.PUBLISH.service = actions.UNPUBLISH.service = pilot_action_publish
