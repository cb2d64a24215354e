"""Reads of the agreements: the ones a user may see, the one a signing link opens."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from collider.models import Programme, User

from ..models import (
    Agreement,
    Party,
)
from ..rules import can_organise

# --- Agreements -----------------------------------------------------------------------------------


def agreement_list_for(*, user: User, programme: Programme) -> QuerySet[Agreement]:
    qs = (
        Agreement.objects.filter(programme=programme)
        .select_related("programme")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("user", "organisation"))
        )
    )
    if not can_organise.test(user, programme):
        qs = qs.filter(parties__user=user).distinct()
    return qs


def agreements_of_party(*, user: User, programme: Programme) -> list[tuple[Agreement, Party]]:
    """The agreements of ``programme`` that ``user`` signs as a party, each with their own
    party row (signed or not): unsigned drafts first, then the newest."""
    mine = Party.objects.filter(user=user, agreement__programme=programme).select_related(
        "agreement__programme"
    )
    rows = [(party.agreement, party) for party in mine]
    return sorted(rows, key=lambda row: (row[1].signed_at is not None, -row[0].pk))


def agreement_get(*, user: User, programme: Programme, pk: int) -> Agreement:
    return get_object_or_404(
        agreement_list_for(user=user, programme=programme).prefetch_related("deliverables"), pk=pk
    )


def agreement_for_sign_link(*, party: Party) -> Agreement:
    """The agreement an external party's valid link opens (the token was checked already)."""
    return (
        Agreement.objects.select_related("programme")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("user", "organisation")),
            "deliverables",
        )
        .get(pk=party.agreement_id)
    )


def signed_agreement_count(*, programme: Programme, kinds: list[str] | None = None) -> int:
    qs = Agreement.objects.filter(programme=programme, status="signed")
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.count()
