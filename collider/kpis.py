"""The KPI engine: a registry of indicators counted from typed platform records.

Each indicator is ``fn(programme, period_start, period_end) -> int`` with a key, a label and a
unit. Counts are *additive*: values of two programmes, or a correction by hand, simply add up.
Percentages and distinct counts (countries) are not: they are registered with
``additive=False``, so targets of a percentage stop at 100, corrections of a percentage are
percentage points kept within 0-100, and the network roll-up never sums them.

An indicator may also give ``many(programmes, start, end) -> {programme_id: value}`` so that the
network view counts every programme in one query instead of one per programme.

The core registers the indicators it can count from its own models (events, registrations,
memberships); phase apps register theirs from ``AppConfig.ready()`` (e.g. in their ``kpis.py``),
so the core never imports a phase app. Targets, corrections and locked periods live in the
follow-up app, which reads the values through :func:`compute`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import EventKind, EventStatus, MembershipStatus, RegistrationStatus, Role, Sector
from .models import Event, Membership, Registration

KpiFunction = Callable[[object, date, date], int]
ManyFunction = Callable[[list, date, date], dict[int, int]]


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    unit: str
    fn: KpiFunction
    order: int = 50
    additive: bool = True
    help: str = ""
    many: ManyFunction | None = None
    #: Keys this indicator is the sum of: counted from their values, never queried again.
    parts: tuple[str, ...] = ()

    @property
    def is_percent(self) -> bool:
        return self.unit == PERCENT


_kpis: dict[str, Kpi] = {}


COUNT = _("count")
PERCENT = "%"


def register_kpi(
    key: str,
    label,
    *,
    unit=COUNT,
    order: int = 50,
    additive: bool | None = None,
    help="",
    many: ManyFunction | None = None,
    parts: tuple[str, ...] = (),
):
    """Register ``fn(programme, period_start, period_end) -> int`` under ``key``.

    A percentage (``unit=PERCENT``) is never additive; pass ``additive=False`` for other values
    that do not add up across programmes (distinct counts).
    """
    if additive is None:
        additive = unit != PERCENT

    def decorator(fn: KpiFunction) -> KpiFunction:
        _kpis[key] = Kpi(
            key=key,
            label=label,
            unit=unit,
            fn=fn,
            order=order,
            additive=additive,
            help=help,
            many=many,
            parts=parts,
        )
        return fn

    return decorator


def register_sum(key: str, label, parts: tuple[str, ...], **options) -> None:
    """Register an indicator that is the sum of other (additive) indicators, ``parts``.

    ``compute`` and ``compute_many`` add up the parts' values they have already counted, so a
    part's query runs once per computation however many sums include it."""

    def one(programme, start: date, end: date) -> int:
        return sum(_kpis[part].fn(programme, start, end) for part in parts)

    def many(programmes, start: date, end: date) -> dict[int, int]:
        totals = {p.pk: 0 for p in programmes}
        for part in parts:
            for pk, value in _kpis[part].many(programmes, start, end).items():
                totals[pk] += value
        return totals

    register_kpi(key, label, many=many, parts=tuple(parts), **options)(one)


def apply_correction(kpi: Kpi | None, computed: int, correction: int) -> int:
    """The reported value: a percentage stays within 0-100 whatever the corrections say."""
    value = computed + correction
    if kpi is not None and kpi.is_percent:
        return max(0, min(100, value))
    return value


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole per cent, rounded down; 0 of nothing is 0."""
    return part * 100 // whole if whole else 0


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def within(field: str, start: date, end: date) -> Q:
    """Rows whose ``field`` (a timestamp) falls on a local day from ``start`` to ``end``.

    The same rows as ``field__date__gte=start, field__date__lte=end``, but as a range of
    timestamps (local midnights in the current time zone, DST included): ``__date`` converts
    every row's timestamp in SQL, which no index can serve.
    """
    return Q(**{f"{field}__gte": _local_midnight(start)}) & until(field, end)


def until(field: str, end: date) -> Q:
    """Rows whose ``field`` falls on or before the local day ``end`` (``field__date__lte``)."""
    return Q(**{f"{field}__lt": _local_midnight(end + timedelta(days=1))})


def grouped_count(queryset, programme_path: str, programmes, *, distinct: str | None = None):
    """``{programme_id: count}`` in one query: rows of ``queryset`` grouped by programme.

    With ``distinct``, the number of distinct values of that field per programme.
    """
    ids = [p.pk for p in programmes]
    rows = (
        queryset.filter(**{f"{programme_path}__in": ids})
        .order_by()
        .values(programme_path)
        .annotate(n=Count(distinct or "pk", distinct=bool(distinct)))
        .values_list(programme_path, "n")
    )
    found = dict(rows)
    return {pk: int(found.get(pk, 0)) for pk in ids}


def register_count(
    key: str,
    label,
    queryset: Callable[[date, date], object],
    *,
    programme_path: str = "programme",
    distinct: str | None = None,
    **options,
) -> None:
    """Register an indicator that counts rows of ``queryset(start, end)`` per programme, with
    its one-query variant for many programmes."""

    def one(programme, start: date, end: date) -> int:
        rows = queryset(start, end).filter(**{programme_path: programme})
        if distinct:
            return rows.values(distinct).distinct().count()
        return rows.count()

    def many(programmes, start: date, end: date) -> dict[int, int]:
        return grouped_count(queryset(start, end), programme_path, programmes, distinct=distinct)

    register_kpi(key, label, many=many, **options)(one)


def kpi_definitions() -> list[Kpi]:
    return sorted(_kpis.values(), key=lambda kpi: (kpi.order, kpi.key))


def kpi_get(key: str) -> Kpi | None:
    return _kpis.get(key)


def _counted_first() -> list[Kpi]:
    """Indicators in the order they are computed: sums after the parts they add up."""
    return sorted(kpi_definitions(), key=lambda kpi: bool(kpi.parts))


def compute(programme, period_start: date, period_end: date) -> dict[str, int]:
    """Every registered indicator's value for ``programme`` between the two dates (inclusive)."""
    values: dict[str, int] = {}
    for kpi in _counted_first():
        if kpi.parts:
            values[kpi.key] = sum(values[part] for part in kpi.parts)
        else:
            values[kpi.key] = int(kpi.fn(programme, period_start, period_end))
    return {kpi.key: values[kpi.key] for kpi in kpi_definitions()}


def compute_cached(
    programme, period_start: date, period_end: date
) -> tuple[dict[str, int], datetime]:
    """``compute``'s values and when they were counted, kept in the shared cache for
    ``KPI_CACHE_SECONDS``: the KPI dashboard counts some 40 indicators over the whole
    programme, which no single row change can cheaply invalidate, so the page recounts at
    most that often and says when it counted. Locking a period, exports, PDFs and evaluations
    always count afresh through ``compute``."""
    key = f"kpis:{programme.pk}:{period_start.isoformat()}:{period_end.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = (compute(programme, period_start, period_end), timezone.now())
        cache.set(key, found, settings.KPI_CACHE_SECONDS)
    return found


def compute_many(programmes, period_start: date, period_end: date) -> dict[int, dict[str, int]]:
    """``{programme_id: {key: value}}`` for several programmes. Indicators with a ``many``
    variant cost one query whatever the number of programmes; the others one per programme."""
    programmes = list(programmes)
    values: dict[int, dict[str, int]] = {p.pk: {} for p in programmes}
    if not programmes:
        return values
    for kpi in _counted_first():
        if kpi.parts:
            for programme in programmes:
                found = values[programme.pk]
                found[kpi.key] = sum(found[part] for part in kpi.parts)
        elif kpi.many is not None:
            counted = kpi.many(programmes, period_start, period_end)
            for programme in programmes:
                values[programme.pk][kpi.key] = int(counted.get(programme.pk, 0))
        else:
            for programme in programmes:
                values[programme.pk][kpi.key] = int(kpi.fn(programme, period_start, period_end))
    return values


# --- The core's own indicators ----------------------------------------------------------------

#: Event kinds that count as workshops (the pitch sessions and the match-making workshop).
WORKSHOP_KINDS = (EventKind.CHALLENGE_PITCH, EventKind.IDEA_PITCH, EventKind.MATCHMAKING)


def _events_between(start: date, end: date):
    return Event.objects.filter(within("starts_at", start, end)).exclude(
        status=EventStatus.CANCELLED
    )


def _events(programme, start: date, end: date):
    return _events_between(start, end).filter(programme=programme)


register_count("events.total", _("Events organised"), _events_between, order=10)

for _order, _kind in enumerate(EventKind, start=11):
    register_count(
        f"events.{_kind.value}",
        _kind.label,
        lambda start, end, kind=_kind: _events_between(start, end).filter(kind=kind),
        order=_order,
    )

register_count(
    "events.workshops",
    _("Workshops"),
    lambda start, end: _events_between(start, end).filter(kind__in=WORKSHOP_KINDS),
    order=30,
)


def _international_events(start: date, end: date):
    """Events whose confirmed registrants belong to organisations from at least two countries."""
    return (
        _events_between(start, end)
        .annotate(
            countries=Count(
                "registrations__user__organisations__country",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            )
        )
        .filter(countries__gte=2)
    )


def _international_many(programmes, start: date, end: date) -> dict[int, int]:
    ids = [p.pk for p in programmes]
    found: dict[int, int] = {}
    rows = _international_events(start, end).filter(programme__in=ids).values_list("programme_id")
    for (programme_id,) in rows:
        found[programme_id] = found.get(programme_id, 0) + 1
    return {pk: found.get(pk, 0) for pk in ids}


@register_kpi(
    "events.international",
    _("International events"),
    order=31,
    help=_("Events whose confirmed registrants come from organisations in at least two countries."),
    many=_international_many,
)
def international_events(programme, start: date, end: date) -> int:
    return _international_events(start, end).filter(programme=programme).count()


def _approved_participants():
    return Membership.objects.filter(role=Role.PARTICIPANT, status=MembershipStatus.APPROVED)


def _participants_between(start: date, end: date):
    return _approved_participants().filter(within("created_at", start, end))


def _participants_of(sector: str):
    return lambda start, end: _participants_between(start, end).filter(sector=sector)


register_count(
    "participants.cci",
    _("CCI participants joined"),
    _participants_of(Sector.CCI),
    unit=_("people"),
    order=40,
)
register_count(
    "participants.avm",
    _("AVM participants joined"),
    _participants_of(Sector.AVM),
    unit=_("people"),
    order=41,
)


def _participant_organisations_until(start: date, end: date):
    # A country count is a state, not a flow: every approved participant who joined by the end
    # of the period counts, not only those who joined within it.
    return _approved_participants().filter(until("created_at", end), organisation__isnull=False)


register_count(
    "participants.countries",
    _("Participants' countries"),
    _participant_organisations_until,
    distinct="organisation__country",
    unit=_("countries"),
    order=42,
    additive=False,
    help=_(
        "Distinct countries of the organisations that approved participants joined for, "
        "by the end of the period. Not summed across programmes."
    ),
)


def _training_attendances(start: date, end: date):
    return Registration.objects.filter(
        event__in=_events_between(start, end).filter(kind=EventKind.TRAINING_SESSION),
        attended=True,
    )


register_count(
    "trainings.attended",
    _("Training attendances"),
    _training_attendances,
    programme_path="event__programme",
    unit=_("people"),
    order=50,
)
