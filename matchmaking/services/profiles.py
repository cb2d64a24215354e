"""Taxonomies, profiles and the organisers' curation (picks).

Keyword-only, atomic; side effects named in docstrings.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from collider.enums import Role, Sector
from collider.models import Membership, Programme, User

from ..actions import PICK_CLEAR, PICK_SET, PROFILE_SAVE, TERM_CREATE, TERM_DELETE
from ..enums import (
    PickKind,
    Side,
)
from ..models import (
    Pick,
    Profile,
    Term,
)

# --- Taxonomies and profiles ------------------------------------------------------------------


@transaction.atomic
def term_create(*, actor: User, programme: Programme, kind: str, name: str) -> Term:
    TERM_CREATE.check(actor, programme)
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
    TERM_DELETE.check(actor, term)
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
    PROFILE_SAVE.check(actor, programme)
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
    PICK_SET.check(actor, company)
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
    PICK_CLEAR.check(actor, pick)
    pick.delete()
