"""The KPI engine: a registry of indicators counted from typed platform records.

Each indicator is ``fn(programme, period_start, period_end) -> int`` with a key, a label and a
unit. The core registers the indicators it can count from its own models (events, registrations,
memberships); phase apps register theirs from ``AppConfig.ready()`` (e.g. in their ``kpis.py``),
so the core never imports a phase app. Targets, corrections and locked periods live in the
follow-up app, which reads the values through :func:`compute`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .enums import EventKind, EventStatus, MembershipStatus, RegistrationStatus, Role, Sector

KpiFunction = Callable[[object, date, date], int]


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    unit: str
    fn: KpiFunction
    order: int = 50


_kpis: dict[str, Kpi] = {}


COUNT = _("count")


def register_kpi(key: str, label, *, unit=COUNT, order: int = 50):
    """Register ``fn(programme, period_start, period_end) -> int`` under ``key``."""

    def decorator(fn: KpiFunction) -> KpiFunction:
        _kpis[key] = Kpi(key=key, label=label, unit=unit, fn=fn, order=order)
        return fn

    return decorator


def kpi_definitions() -> list[Kpi]:
    return sorted(_kpis.values(), key=lambda kpi: (kpi.order, kpi.key))


def kpi_get(key: str) -> Kpi | None:
    return _kpis.get(key)


def compute(programme, period_start: date, period_end: date) -> dict[str, int]:
    """Every registered indicator's value for ``programme`` between the two dates (inclusive)."""
    return {kpi.key: int(kpi.fn(programme, period_start, period_end)) for kpi in kpi_definitions()}


# --- The core's own indicators ----------------------------------------------------------------

#: Event kinds that count as workshops (the pitch sessions and the match-making workshop).
WORKSHOP_KINDS = (EventKind.CHALLENGE_PITCH, EventKind.IDEA_PITCH, EventKind.MATCHMAKING)


def _events(programme, start: date, end: date):
    from .models import Event

    return Event.objects.filter(
        programme=programme, starts_at__date__gte=start, starts_at__date__lte=end
    ).exclude(status=EventStatus.CANCELLED)


@register_kpi("events.total", _("Events organised"), order=10)
def events_total(programme, start: date, end: date) -> int:
    return _events(programme, start, end).count()


def _events_of_kind(kind: EventKind) -> KpiFunction:
    def count(programme, start: date, end: date) -> int:
        return _events(programme, start, end).filter(kind=kind).count()

    return count


for _order, _kind in enumerate(EventKind, start=11):
    register_kpi(f"events.{_kind.value}", _kind.label, order=_order)(_events_of_kind(_kind))


@register_kpi("events.workshops", _("Workshops"), order=30)
def workshops(programme, start: date, end: date) -> int:
    return _events(programme, start, end).filter(kind__in=WORKSHOP_KINDS).count()


@register_kpi("events.international", _("International meetings"), order=31)
def international_meetings(programme, start: date, end: date) -> int:
    """Events whose confirmed registrants belong to organisations from at least two countries."""
    return (
        _events(programme, start, end)
        .annotate(
            countries=Count(
                "registrations__user__organisations__country",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            )
        )
        .filter(countries__gte=2)
        .count()
    )


def _participants_of(sector: str) -> KpiFunction:
    def count(programme, start: date, end: date) -> int:
        from .models import Membership

        return Membership.objects.filter(
            programme=programme,
            role=Role.PARTICIPANT,
            status=MembershipStatus.APPROVED,
            sector=sector,
            created_at__date__gte=start,
            created_at__date__lte=end,
        ).count()

    return count


register_kpi("participants.cci", _("CCI participants joined"), unit=_("people"), order=40)(
    _participants_of(Sector.CCI)
)
register_kpi("participants.avm", _("AVM participants joined"), unit=_("people"), order=41)(
    _participants_of(Sector.AVM)
)


@register_kpi("trainings.attended", _("Training attendances"), unit=_("people"), order=50)
def trainings_attended(programme, start: date, end: date) -> int:
    from .models import Registration

    return Registration.objects.filter(
        event__in=_events(programme, start, end).filter(kind=EventKind.TRAINING_SESSION),
        attended=True,
    ).count()
