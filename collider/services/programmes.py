"""Writes of organisations, programmes and their phases."""

from __future__ import annotations

from datetime import date, timedelta

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..core_actions import PHASES_UPDATE
from ..enums import (
    OrganisationRole,
    Phase,
    PhaseState,
    Role,
)
from ..models import (
    Invitation,
    Organisation,
    OrganisationMember,
    Programme,
    ProgrammePhase,
    User,
)
from ..rules import require
from .memberships import invitation_create

# --- Organisations ---------------------------------------------------------------------------


def _unique_slug(model, base: str, max_length: int = 60) -> str:
    root = (slugify(base) or "item")[:max_length]
    slug, n = root, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{root}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_create(*, creator: User | None, **fields) -> Organisation:
    """Create an organisation; its creator (if any) becomes its administrator. One made by a
    platform admin for a programme has no creator: the first person invited to represent it
    becomes its administrator (see ``invitation_accept``)."""
    organisation = Organisation(slug=_unique_slug(Organisation, fields["name"]), **fields)
    organisation.full_clean()
    organisation.save()
    if creator is not None:
        OrganisationMember.objects.create(
            organisation=organisation, user=creator, role=OrganisationRole.ADMIN
        )
    return organisation


# --- Programmes and phases ---------------------------------------------------------------


def phase_dates_default(starts_on: date, ends_on: date) -> dict[str, tuple[date, date]]:
    """The six phases one after another, dividing the programme's span evenly."""
    span = (ends_on - starts_on).days + 1
    phases = Phase.ordered()
    dates = {}
    for index, phase in enumerate(phases):
        start = starts_on + timedelta(days=span * index // len(phases))
        end = starts_on + timedelta(days=max(span * (index + 1) // len(phases) - 1, 0))
        dates[phase] = (start, max(start, end))
    return dates


def programme_phases_ensure(*, programme: Programme) -> list[ProgrammePhase]:
    """Give ``programme`` every phase it lacks, dated by default. Runs for each new programme,
    however it was made (service, Django admin, shell): see ``collider.signals``."""
    have = set(programme.phases.values_list("phase", flat=True))
    rows = []
    for phase, (start, end) in phase_dates_default(programme.starts_on, programme.ends_on).items():
        if phase in have:
            continue
        row = ProgrammePhase(programme=programme, phase=phase, starts_on=start, ends_on=end)
        row.state = row.state_on()
        rows.append(row)
    # Each row is saved on its own so the audit trail records it (bulk_create would not).
    for row in rows:
        row.save()
    return rows


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
    programme.save()  # collider.signals gives every new programme its phases
    return programme


@transaction.atomic
def programme_setup(*, actor: User, name: str, starts_on: date, ends_on: date, **fields):
    """The wizard's first step: a platform admin creates a programme (with its six phases)."""
    require(actor, "collider.add_programme", None, _("Only platform admins create programmes."))
    if not fields.get("slug"):
        fields["slug"] = None
    elif Programme.objects.filter(slug=fields["slug"]).exists():
        raise ValidationError({"slug": _("This web address is taken. Choose another one.")})
    with set_actor(actor):
        return programme_create(name=name, starts_on=starts_on, ends_on=ends_on, **fields)


@transaction.atomic
def programme_partner_invite(
    *,
    actor: User,
    programme: Programme,
    email: str,
    organisation: Organisation | None = None,
    new_organisation: dict | None = None,
    message: str = "",
) -> Invitation:
    """Invite a tandem partner by e-mail to represent an organisation (an existing one or one
    created here by name and country). Accepting makes them a partner member for that
    organisation. Side effects: e-mail (see ``invitation_create``)."""
    require(
        actor, "collider.manage_programme", programme, _("Only the programme's partners invite.")
    )
    if (organisation is None) == (not new_organisation):
        raise ValidationError(
            {"organisation": _("Choose an existing organisation or name a new one.")}
        )
    if organisation is None:
        organisation = organisation_create(creator=None, **new_organisation)
    return invitation_create(
        actor=actor,
        programme=programme,
        email=email,
        role=Role.PARTNER,
        message=message,
        organisation=organisation,
    )


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
