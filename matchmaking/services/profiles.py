"""Taxonomies, profiles and the organisers' curation (picks).

Keyword-only, atomic; side effects named in docstrings.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collider.enums import Role, Sector
from collider.models import Membership, Programme, User
from collider.rules import roles_in

from ..enums import (
    PickKind,
    Side,
)
from ..models import (
    Pick,
    Profile,
    Term,
)
from .common import _organiser, _require

# --- Taxonomies and profiles ------------------------------------------------------------------


@transaction.atomic
def term_create(*, actor: User, programme: Programme, kind: str, name: str) -> Term:
    _require(
        actor.is_superuser or Role.PARTNER in roles_in(actor, programme),
        _("Only partners edit the taxonomies."),
    )
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the term a name.")})
    if Term.objects.filter(programme=programme, kind=kind, name__iexact=name).exists():
        raise ValidationError(
            {"name": _("“%(name)s” is already in this taxonomy.") % {"name": name}}
        )
    return Term.objects.create(programme=programme, kind=kind, name=name)


@transaction.atomic
def term_delete(*, actor: User, term: Term) -> None:
    _require(
        actor.is_superuser or Role.PARTNER in roles_in(actor, term.programme),
        _("Only partners edit the taxonomies."),
    )
    term.delete()


def _participant_membership(user: User, programme: Programme) -> Membership | None:
    return (
        Membership.objects.filter(
            programme=programme, user=user, role=Role.PARTICIPANT, status="approved"
        )
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def profile_save(
    *,
    actor: User,
    programme: Programme,
    terms: list[Term],
    description: str = "",
    languages: str = "",
    region: str = "",
) -> Profile:
    """Create or update the actor's offers (CCI) or needs (AVM); the side follows their sector."""
    membership = _participant_membership(actor, programme)
    _require(
        membership is not None, _("Only participants of this programme have a matchmaking profile.")
    )
    if any(term.programme_id != programme.pk for term in terms):
        raise ValidationError({"terms": _("Pick terms of this programme's taxonomies.")})
    side = Side.AVM if membership.sector == Sector.AVM else Side.CCI
    profile, _created = Profile.objects.update_or_create(
        programme=programme,
        user=actor,
        defaults={
            "side": side,
            "organisation": membership.organisation,
            "description": description,
            "languages": languages,
            "region": region or (membership.organisation.region if membership.organisation else ""),
        },
    )
    profile.terms.set(terms)
    return profile


# --- Curation ---------------------------------------------------------------------------------


@transaction.atomic
def pick_set(
    *, actor: User, company: Profile, candidate: Profile, kind: str, note: str = ""
) -> Pick:
    """Shortlist (pick) or veto ``candidate`` for the AVM ``company`` (facilitators, partners)."""
    _require(
        _organiser(actor, company.programme), _("Only facilitators and partners curate shortlists.")
    )
    if (
        company.side != Side.AVM
        or candidate.side != Side.CCI
        or company.programme_id != candidate.programme_id
    ):
        raise ValidationError(
            _("A shortlist pairs a CCI with an AVM company of the same programme.")
        )
    if kind not in PickKind.values:
        raise ValidationError({"kind": _("Choose pick or veto.")})
    pick, _created = Pick.objects.update_or_create(
        company=company,
        candidate=candidate,
        defaults={"programme": company.programme, "kind": kind, "note": note, "by": actor},
    )
    return pick


@transaction.atomic
def pick_clear(*, actor: User, pick: Pick) -> None:
    _require(
        _organiser(actor, pick.programme), _("Only facilitators and partners curate shortlists.")
    )
    pick.delete()
