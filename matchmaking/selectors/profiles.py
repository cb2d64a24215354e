"""Reads of the taxonomies, the profiles and the organisers' shortlists."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from collider.models import Programme, User

from ..enums import Side
from ..models import (
    Pick,
    Profile,
    Term,
)


def term_get(*, programme: Programme, pk: int) -> Term:
    return get_object_or_404(Term, programme=programme, pk=pk)


def term_list(*, programme: Programme) -> QuerySet[Term]:
    return Term.objects.filter(programme=programme)


def term_names(programme: Programme) -> list[str]:
    """The programme's taxonomy as names (both kinds), for the core's competence vocabulary."""
    return list(term_list(programme=programme).values_list("name", flat=True).distinct())


def profile_for(*, user: User, programme: Programme) -> Profile | None:
    if not user.is_authenticated:
        return None
    return Profile.objects.filter(programme=programme, user=user).prefetch_related("terms").first()


def _profiles(programme: Programme) -> QuerySet[Profile]:
    return (
        Profile.objects.filter(programme=programme)
        .select_related("user", "organisation")
        .prefetch_related("terms")
    )


def company_list(*, programme: Programme) -> QuerySet[Profile]:
    return _profiles(programme).filter(side=Side.AVM)


def company_get(*, programme: Programme, pk: int) -> Profile:
    return get_object_or_404(company_list(programme=programme), pk=pk)


def profile_get(*, programme: Programme, pk: int) -> Profile:
    return get_object_or_404(_profiles(programme), pk=pk)


def shortlist(*, company: Profile) -> QuerySet[Pick]:
    return (
        Pick.objects.filter(company=company)
        .select_related("candidate__user", "candidate__organisation", "by")
        .order_by("kind", "pk")
    )
