"""Matchmaking's indicators, registered with the core's KPI engine (collider.kpis)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.kpis import register_kpi

from .enums import AgreementKind, AgreementStatus
from .models import Agreement, MeetingRequest


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time.min, tz), datetime.combine(end, time.max, tz)


def _signed(programme, start: date, end: date, kinds: list[str]) -> int:
    low, high = _bounds(start, end)
    return Agreement.objects.filter(
        programme=programme,
        status=AgreementStatus.SIGNED,
        kind__in=kinds,
        signed_at__range=(low, high),
    ).count()


@register_kpi("matchmaking.meetings_held", _("Match-making meetings held"), order=55)
def meetings_held(programme, start: date, end: date) -> int:
    low, high = _bounds(start, end)
    return MeetingRequest.objects.filter(
        workshop__event__programme=programme, held_at__range=(low, high)
    ).count()


@register_kpi(
    "matchmaking.cooperation_agreements_signed", _("Cooperation agreements signed"), order=56
)
def cooperation_agreements_signed(programme, start: date, end: date) -> int:
    return _signed(programme, start, end, [AgreementKind.COOPERATION])


@register_kpi(
    "matchmaking.business_agreements_signed",
    _("Business agreements, letters of intent and NDAs signed"),
    order=57,
)
def business_agreements_signed(programme, start: date, end: date) -> int:
    return _signed(
        programme, start, end, [AgreementKind.BUSINESS, AgreementKind.LOI, AgreementKind.NDA]
    )
