"""Reads of the follow-up app; every one is scoped to a programme (others' objects are 404)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone

from collider import kpis
from collider.enums import Role
from collider.models import Programme, User
from collider.rules import organisation_ids_as

from .enums import Stage, StoryStatus
from .models import CheckIn, Cooperation, KpiCorrection, Milestone, ReportingPeriod
from .stories.selectors import story_list


def period_list(*, programme: Programme) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(programme=programme)


def period_get(*, programme: Programme, pk: int) -> ReportingPeriod:
    return get_object_or_404(period_list(programme=programme), pk=pk)


@dataclass(frozen=True)
class KpiRow:
    key: str
    label: str
    unit: str
    computed: int
    correction: int
    target: int | None
    additive: bool = True
    help: str = ""

    @property
    def value(self) -> int:
        return kpis.apply_correction(kpis.kpi_get(self.key), self.computed, self.correction)

    @property
    def progress(self) -> int | None:
        """Per cent of the target reached (rounded down), None without a target."""
        if not self.target:
            return None
        return self.value * 100 // self.target


def kpi_rows(*, period: ReportingPeriod) -> list[KpiRow]:
    """Every indicator for ``period``: the frozen snapshot once locked, else computed now.

    Corrections and targets add two queries; the indicators themselves one each.
    """
    if period.is_locked:
        computed = {key: int(value) for key, value in period.snapshot.items()}
    else:
        computed = kpis.compute(period.programme, period.starts_on, period.ends_on)
    return _kpi_rows(period, computed)


def kpi_rows_for_page(*, period: ReportingPeriod) -> tuple[list[KpiRow], datetime | None]:
    """``kpi_rows`` for the KPI dashboard, and when an open period's figures were counted:
    they come from ``kpis.compute_cached`` (recounted at most every ``KPI_CACHE_SECONDS``);
    a locked period's are its snapshot (None). Corrections and targets are always read now."""
    if period.is_locked:
        return kpi_rows(period=period), None
    computed, counted_at = kpis.compute_cached(period.programme, period.starts_on, period.ends_on)
    return _kpi_rows(period, computed), counted_at


def _kpi_rows(period: ReportingPeriod, computed: dict[str, int]) -> list[KpiRow]:
    corrections = dict(
        KpiCorrection.objects.filter(period=period)
        .values("key")
        .annotate(total=Sum("delta"))
        .values_list("key", "total")
    )
    targets = dict(period.targets.values_list("key", "target"))
    rows = []
    for kpi in kpis.kpi_definitions():
        if kpi.key not in computed:
            continue
        rows.append(
            KpiRow(
                key=kpi.key,
                label=str(kpi.label),
                unit=str(kpi.unit),
                computed=computed[kpi.key],
                correction=int(corrections.get(kpi.key, 0)),
                target=targets.get(kpi.key),
                additive=kpi.additive,
                help=str(kpi.help),
            )
        )
    return rows


def cooperation_list(*, programme: Programme) -> QuerySet[Cooperation]:
    return (
        Cooperation.objects.filter(programme=programme)
        .select_related("cci_organisation", "avm_organisation", "cci_contact", "avm_contact")
        .prefetch_related(
            Prefetch("checkins", queryset=CheckIn.objects.order_by("anchor", "months", "side")),
            "milestones",
        )
    )


def cooperation_get(*, programme: Programme, pk: int) -> Cooperation:
    records = ("meeting__workshop__event", "agreement", "idea")
    return get_object_or_404(cooperation_list(programme=programme).select_related(*records), pk=pk)


#: Cards per column on the board; a column's "show all" link lists the rest, paginated.
BOARD_CARDS = 12


def board(*, programme: Programme, per_column: int = BOARD_CARDS) -> list[dict]:
    """Columns of the board in pipeline order, each with its total and its most recently moved
    cards: three queries (counts, ranked ids, cards with their flags) however many
    cooperations the programme has."""
    mine = Cooperation.objects.filter(programme=programme)
    totals = dict(mine.order_by().values_list("stage").annotate(n=Count("pk")))
    ranked = mine.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("stage")],
            order_by=[F("stage_changed_at").desc(), F("pk")],
        )
    ).filter(rank__lte=per_column)
    columns: dict[str, list[Cooperation]] = defaultdict(list)
    if totals:
        ids = list(ranked.values_list("pk", flat=True))
        for cooperation in _cards(mine.filter(pk__in=ids)):
            columns[cooperation.stage].append(cooperation)
    return [
        {
            "stage": stage.value,
            "label": stage.label,
            "cards": columns[stage.value],
            "total": totals.get(stage.value, 0),
        }
        for stage in Stage
    ]


def stage_cooperations(*, programme: Programme, stage: str) -> QuerySet[Cooperation]:
    """Every cooperation at ``stage``, most recently moved first (one board column in full)."""
    return _cards(Cooperation.objects.filter(programme=programme, stage=stage))


def overdue_milestone() -> Exists:
    """The outer cooperation has an open milestone due before today."""
    return Exists(
        Milestone.objects.filter(
            cooperation=OuterRef("pk"), done_at__isnull=True, due_on__lt=timezone.localdate()
        )
    )


def sides_disagree() -> Exists:
    """The outer cooperation's two sides answered a check-in round (anchor, months) with
    different outcomes: the flag ``checkin_pairs`` shows per round."""
    other_side = (
        CheckIn.objects.filter(
            cooperation=OuterRef("cooperation"),
            anchor=OuterRef("anchor"),
            months=OuterRef("months"),
            answered_at__isnull=False,
        )
        .exclude(side=OuterRef("side"))
        .exclude(outcome=OuterRef("outcome"))
    )
    return Exists(
        CheckIn.objects.filter(
            Exists(other_side), cooperation=OuterRef("pk"), answered_at__isnull=False
        )
    )


def _cards(cooperations: QuerySet[Cooperation]) -> QuerySet[Cooperation]:
    """What a board card shows: the organisations and two flags counted by the database
    (``overdue``, ``disagree``), instead of every check-in and milestone of every card."""
    return cooperations.select_related("cci_organisation", "avm_organisation").annotate(
        overdue=overdue_milestone(), disagree=sides_disagree()
    )


def checkin_pairs(cooperation: Cooperation) -> list[dict]:
    """Check-ins grouped by round (anchor, months), each with its two sides and the flag.

    Uses the prefetched check-ins, so calling it for every card of the board adds no query.
    """
    rounds: dict[tuple[str, int], dict] = {}
    for checkin in cooperation.checkins.all():
        entry = rounds.setdefault(
            (checkin.anchor, checkin.months),
            {"anchor": checkin.anchor, "months": checkin.months, "sides": {}},
        )
        entry["sides"][checkin.side] = checkin
    for entry in rounds.values():
        answers = [c.outcome for c in entry["sides"].values() if c.is_answered]
        entry["disagree"] = len(answers) == 2 and answers[0] != answers[1]
    return sorted(rounds.values(), key=lambda e: (e["anchor"] != "meeting", e["months"]))


def has_disagreement(cooperation: Cooperation) -> bool:
    return any(entry["disagree"] for entry in checkin_pairs(cooperation))


def checkin_get_for_respondent(*, user: User, programme: Programme, pk: int) -> CheckIn:
    """The respondent's own check-in; anyone else's (or another programme's) is 404."""
    return get_object_or_404(
        CheckIn.objects.select_related(
            "cooperation__cci_organisation", "cooperation__avm_organisation"
        ),
        pk=pk,
        respondent=user,
        cooperation__programme=programme,
    )


def checkins_open_for(*, user: User, programme: Programme) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        respondent=user, cooperation__programme=programme, answered_at__isnull=True
    ).select_related("cooperation")


def milestone_get(*, programme: Programme, pk: int) -> Milestone:
    return get_object_or_404(Milestone, pk=pk, cooperation__programme=programme)


# --- A participant's own cooperations ("My cooperation")


def participant_cooperations(*, user: User, programme: Programme) -> QuerySet[Cooperation]:
    """The cooperations of the organisations ``user`` takes part for in ``programme`` (and
    those where they are a contact person): nobody else's. With the milestones, the user's
    own check-ins and the stories past their draft, each with its consents."""
    organisations = organisation_ids_as(user, Role.PARTICIPANT, programme.pk)
    return (
        Cooperation.objects.filter(programme=programme)
        .filter(
            Q(cci_contact=user)
            | Q(avm_contact=user)
            | Q(cci_organisation_id__in=organisations)
            | Q(avm_organisation_id__in=organisations)
        )
        .select_related(
            "cci_organisation", "avm_organisation", "cci_contact", "avm_contact", "agreement"
        )
        .prefetch_related(
            "milestones",
            Prefetch(
                "checkins",
                queryset=CheckIn.objects.filter(respondent=user).order_by("due_at", "pk"),
                to_attr="my_checkins",
            ),
            Prefetch(
                "stories",
                queryset=story_list(programme=programme).exclude(status=StoryStatus.DRAFT),
                to_attr="told",
            ),
        )
        .order_by("-stage_changed_at", "pk")
    )


def participant_milestone_get(*, user: User, programme: Programme, pk: int) -> Milestone:
    """A milestone of one of the user's own cooperations; anyone else's is 404."""
    mine = participant_cooperations(user=user, programme=programme).values("pk")
    return get_object_or_404(
        Milestone.objects.select_related("cooperation__programme"), pk=pk, cooperation__in=mine
    )
