"""Writes of organisations, programmes and their phases."""

from __future__ import annotations

from datetime import date, timedelta

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..core_actions import PHASES_UPDATE
from ..enums import (
    Phase,
    PhaseState,
)
from ..models import (
    Organisation,
    OrganisationMember,
    Programme,
    ProgrammePhase,
    User,
)

# --- Organisations ---------------------------------------------------------------------------


def _unique_slug(model, base: str, max_length: int = 60) -> str:
    root = (slugify(base) or "item")[:max_length]
    slug, n = root, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{root}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(*, creator: User, **fields) -> Organisation:
    """Create an organisation; its creator becomes its administrator."""
    organisation = Organisation(slug=_unique_slug(Organisation, fields["name"]), **fields)
    organisation.full_clean()
    organisation.save()
    OrganisationMember.objects.create(organisation=organisation, user=creator, role="admin")
    return organisation


# --- Programmes and phases ---------------------------------------------------------------


@transaction.atomic
def programme_create(
    *, name: str, starts_on: date, ends_on: date, slug: str | None = None, **fields
) -> Programme:
    """Create a programme with its six phases, dated evenly across its span."""
    programme = Programme(
        name=name,
        slug=slug or _unique_slug(Programme, name),
        starts_on=starts_on,
        ends_on=ends_on,
        **fields,
    )
    programme.full_clean()
    programme.save()
    span = (ends_on - starts_on).days + 1
    phases = Phase.ordered()
    for index, phase in enumerate(phases):
        start = starts_on + timedelta(days=span * index // len(phases))
        end = starts_on + timedelta(days=span * (index + 1) // len(phases) - 1)
        row = ProgrammePhase(programme=programme, phase=phase, starts_on=start, ends_on=end)
        row.state = row.state_on()
        row.save()
    return programme


@PHASES_UPDATE.performs
def programme_phases_update(
    *, actor: User, programme: Programme, changes: dict[str, dict]
) -> list[ProgrammePhase]:
    """Set dates and overrides of phases, e.g. ``{"meet": {"starts_on": d, ...}}``."""
    with set_actor(actor):
        rows = list(programme.phases.select_for_update().order_by("id"))
        for row in rows:
            for name, value in changes.get(row.phase, {}).items():
                setattr(row, name, value)
            row.full_clean()
            row.state = row.state_on()
            row.save()
    return rows


def phase_sync(*, today: date | None = None) -> int:
    """Record every phase's date-driven state (periodic task). Returns rows changed."""
    today = today or timezone.localdate()
    changed = 0
    for row in ProgrammePhase.objects.select_related("programme").iterator():
        state = row.state_on(today)
        if state != row.state:
            row.state = state
            row.save(update_fields=["state"])  # auditlog records the transition
            changed += 1
    return changed


def phases_current(programme: Programme, phases=None) -> list[ProgrammePhase]:
    """Open phases of a programme, ordered (computed on the fly, not from the stored state)."""
    rows = phases if phases is not None else programme.phases.all()
    return [row for row in rows if row.state_on() == PhaseState.OPEN]
