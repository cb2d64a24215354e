"""Follow-up's figures on the dashboard cockpit: KPIs against the current period's targets for
the people who run a programme; a participant's cooperations."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collider import kpis
from collider.enums import Role
from collider.registry import Tile
from collider.rules import programme_ids_as, roles_in

from .enums import Stage
from .models import Cooperation, KpiCorrection, ReportingPeriod

#: At most this many KPIs on a cockpit; the KPI page has all of them.
KPI_TILES = 6


def _current_periods(programmes) -> dict[int, ReportingPeriod]:
    today = timezone.localdate()
    periods = (
        ReportingPeriod.objects.filter(
            programme__in=programmes, starts_on__lte=today, ends_on__gte=today
        )
        .prefetch_related("targets")
        .order_by("programme_id", "-starts_on")
    )
    current: dict[int, ReportingPeriod] = {}
    for period in periods:
        current.setdefault(period.programme_id, period)
    return current


def _values(periods: dict[int, ReportingPeriod], keys: set[str], by_id) -> dict:
    """``{programme_id: {key: value}}`` of the targeted indicators, as the KPI page counts them
    (the snapshot of a locked period, else live; corrections applied). An indicator with a
    ``many`` variant costs one query for every programme together."""
    computed: dict[int, dict[str, int]] = {pk: {} for pk in periods}
    for kpi in kpis.kpi_definitions():
        if kpi.key not in keys:
            continue
        live = {pk: p for pk, p in periods.items() if not p.is_locked}
        if kpi.many is not None and live:
            # The periods of different programmes may differ: count per distinct range.
            ranges = defaultdict(list)
            for pk, period in live.items():
                ranges[(period.starts_on, period.ends_on)].append(by_id[pk])
            for (start, end), group in ranges.items():
                counted = kpi.many(group, start, end)
                for programme in group:
                    computed[programme.pk][kpi.key] = int(counted.get(programme.pk, 0))
        else:
            for pk, period in live.items():
                computed[pk][kpi.key] = int(kpi.fn(by_id[pk], period.starts_on, period.ends_on))
        for pk, period in periods.items():
            if period.is_locked:
                computed[pk][kpi.key] = int(period.snapshot.get(kpi.key, 0))
    corrections = (
        KpiCorrection.objects.filter(period__in=periods.values(), key__in=keys)
        .values_list("period__programme_id", "key")
        .annotate(total=Sum("delta"))
    )
    for programme_id, key, total in corrections:
        computed[programme_id][key] = kpis.apply_correction(
            kpis.kpi_get(key), computed[programme_id].get(key, 0), int(total or 0)
        )
    return computed


def kpi_tiles(*, user, programmes) -> dict[int, list[Tile]]:
    runs = [
        programme
        for programme in programmes
        if user.is_superuser or {Role.PARTNER, Role.FACILITATOR} & roles_in(user, programme)
    ]
    if not runs:
        return {}
    periods = _current_periods(runs)
    targets = {
        pk: {target.key: target.target for target in period.targets.all()}
        for pk, period in periods.items()
    }
    keys = {key for wanted in targets.values() for key in wanted}
    if not keys:
        return {}
    values = _values(periods, keys, {programme.pk: programme for programme in runs})
    tiles: dict[int, list[Tile]] = {}
    by_id = {programme.pk: programme for programme in runs}
    for pk, wanted in targets.items():
        url = reverse("followup:kpi_dashboard", kwargs={"slug": by_id[pk].slug})
        rows = [
            Tile(
                label=str(kpi.label),
                value=values[pk].get(kpi.key, 0),
                target=wanted[kpi.key],
                url=url,
                group="kpi",
            )
            for kpi in kpis.kpi_definitions()
            if kpi.key in wanted
        ]
        # The furthest behind first: that is where a partner acts.
        tiles[pk] = sorted(rows, key=lambda tile: tile.progress or 0)[:KPI_TILES]
    return tiles


def cooperation_tiles(*, user, programmes) -> dict[int, list[Tile]]:
    """A participant's cooperations: how many, and the stage of the furthest one."""
    mine = programme_ids_as(user, Role.PARTICIPANT)
    if not mine:
        return {}
    order = list(Stage.values)
    rows = Cooperation.objects.filter(
        Q(cci_contact=user) | Q(avm_contact=user), programme_id__in=mine
    ).values_list("programme_id", "stage")
    stages: dict[int, list[str]] = defaultdict(list)
    for programme_id, stage in rows:
        stages[programme_id].append(stage)
    tiles = {}
    for programme in programmes:
        if programme.pk not in mine:
            continue
        found = stages.get(programme.pk, [])
        furthest = max((s for s in found if s != Stage.STOPPED), key=order.index, default=None)
        tiles[programme.pk] = [
            Tile(
                label=ngettext("Cooperation", "Cooperations", len(found) or 1),
                value=len(found),
                hint=Stage(furthest).label if furthest else _("None yet: meet and agree first"),
                tone="avm",
            )
        ]
    return tiles
