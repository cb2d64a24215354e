"""Reads that encode visibility for the outreach app. Every view starts from one of these."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import Avg, Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from collider.enums import EventKind, RegistrationMode, RegistrationStatus
from collider.models import Event, Programme, User
from collider.rules import roles_in

from .enums import (
    Audience,
    ChecklistStatus,
    Dimension,
    MediaChannel,
    MediaStatus,
    PublicationStatus,
    RespondentSector,
)
from .models import (
    Brochure,
    BrochureEntry,
    Checklist,
    ChecklistQuestion,
    ChecklistResponse,
    ChecklistSection,
    ChecklistSectionScore,
    Handout,
    InfoDayItem,
    MediaCommitment,
    Practice,
    PracticeImage,
)
from .rules import can_manage_outreach

# --- Practices ----------------------------------------------------------------------------------


def practice_list_visible_to(*, user: User, programme: Programme) -> QuerySet[Practice]:
    """The programme's cases plus cases other programmes share; drafts only for its partners."""
    published_shared = Q(
        shared=True,
        status=PublicationStatus.PUBLISHED,
        programme__status__in=["open", "running", "closed"],
    )
    if can_manage_outreach.test(user, programme):
        own = Q(programme=programme)
    else:
        own = Q(programme=programme, status=PublicationStatus.PUBLISHED)
    return (
        Practice.objects.filter(own | published_shared)
        .select_related("programme")
        .prefetch_related(Prefetch("images", queryset=PracticeImage.objects.order_by("order")))
        .order_by("-published_at", "-created_at", "pk")
    )


def practice_get_visible(*, user: User, programme: Programme, pk: int) -> Practice:
    return get_object_or_404(practice_list_visible_to(user=user, programme=programme), pk=pk)


def practice_exists(pk: int | None) -> bool:
    """Whether the practice ``pk`` still exists (a story remembers the one it became)."""
    return pk is not None and Practice.objects.filter(pk=pk).exists()


def practice_get_managed(*, programme: Programme, pk: int) -> Practice:
    """A case the programme's partners may edit: only the programme's own."""
    return get_object_or_404(
        Practice.objects.select_related("programme"), programme=programme, pk=pk
    )


def practice_search(queryset: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """Full-text search on PostgreSQL (ranked, stemmed); a substring match elsewhere."""
    query = query.strip()[:200]
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", "lesson", weight="B", config="english")
            + SearchVector(
                "outcome",
                "avm_technology",
                "collaboration_format",
                "testimonial",
                weight="C",
                config="english",
            )
        )
        search = SearchQuery(query, search_type="websearch", config="english")
        # Match with @@ (ts_rank is never exactly 0, so a rank filter would keep everything).
        return (
            queryset.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", "pk")
        )
    condition = Q()
    for word in query.split()[:8]:
        condition &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(lesson__icontains=word)
            | Q(outcome__icontains=word)
            | Q(avm_technology__icontains=word)
            | Q(collaboration_format__icontains=word)
            | Q(testimonial__icontains=word)
        )
    return queryset.filter(condition)


def practice_image_get_visible(*, user: User, programme: Programme, pk: int) -> PracticeImage:
    practices = practice_list_visible_to(user=user, programme=programme)
    return get_object_or_404(
        PracticeImage.objects.select_related("practice__programme"), practice__in=practices, pk=pk
    )


# --- Checklists -------------------------------------------------------------------------------


def checklist_list(*, programme: Programme) -> QuerySet[Checklist]:
    return (
        Checklist.objects.filter(programme=programme)
        .select_related("programme")
        .annotate(
            response_count=Count("responses", distinct=True),
            section_count=Count("sections", distinct=True),
        )
        .order_by("-created_at", "pk")
    )


def checklist_get(*, programme: Programme, pk: int) -> Checklist:
    return get_object_or_404(
        Checklist.objects.select_related("programme"), programme=programme, pk=pk
    )


def checklist_sections(checklist: Checklist) -> list[ChecklistSection]:
    """Sections with their questions and options, in order (three queries)."""
    questions = ChecklistQuestion.objects.prefetch_related("options").order_by("order", "pk")
    return list(
        checklist.sections.prefetch_related(Prefetch("questions", queryset=questions)).order_by(
            "order", "pk"
        )
    )


def checklist_get_public(token: str) -> Checklist:
    """A checklist by its public link: open ones of public programmes only."""
    return get_object_or_404(
        Checklist.objects.select_related("programme"),
        token=token,
        status=ChecklistStatus.OPEN,
        programme__status__in=["open", "running"],
    )


def response_get_by_token(token: str) -> ChecklistResponse:
    return get_object_or_404(
        ChecklistResponse.objects.select_related("checklist__programme"), token=token
    )


def response_list(*, checklist: Checklist) -> QuerySet[ChecklistResponse]:
    return checklist.responses.select_related("entered_by").order_by("-submitted_at", "-pk")


def response_section_scores(response: ChecklistResponse) -> list[ChecklistSectionScore]:
    return list(
        response.section_scores.select_related("section").order_by("section__order", "section__pk")
    )


def checklist_aggregate(*, checklist: Checklist) -> dict:
    """Average score per section and sector, and responses per sector (two queries).

    The result is shaped for the chart: one label per section, one data series per sector.
    """
    sections = list(checklist.sections.order_by("order", "pk").values("pk", "title", "dimension"))
    rows = (
        ChecklistSectionScore.objects.filter(section__checklist=checklist)
        .values("section_id", "sector")
        .annotate(average=Avg("score"), n=Count("id"))
    )
    averages: dict[tuple[int, str], float] = {}
    for row in rows:
        averages[(row["section_id"], row["sector"])] = round(float(row["average"]), 1)
    counts = dict.fromkeys(RespondentSector.values, 0)
    for row in checklist.responses.values("sector").annotate(n=Count("id")):
        counts[row["sector"]] = row["n"]
    dimensions = dict(Dimension.choices)
    series = [
        {
            "sector": sector,
            "label": str(label),
            "data": [averages.get((s["pk"], sector)) for s in sections],
        }
        for sector, label in RespondentSector.choices
    ]
    table = [
        {
            "title": s["title"],
            "dimension": str(dimensions.get(s["dimension"], s["dimension"])),
            "scores": [averages.get((s["pk"], sector)) for sector in RespondentSector.values],
        }
        for s in sections
    ]
    return {
        "labels": [s["title"] for s in sections],
        "series": series,
        "counts": counts,
        "table": table,
        "total": sum(counts.values()),
    }


def checklist_section_scores_for(*, user: User, programme: Programme) -> dict[str, int]:
    """The participant's latest readiness score (0 to 100) per dimension in ``programme``.

    A response counts as the user's when it was linked to their account or given with their
    e-mail address. For each dimension the most recent response that covers it wins; several
    sections of one dimension in that response are averaged. Read by later phases (e.g.
    learning paths in phase 3).

    One query for all of the user's programmes, cached on the user object for the request, so
    a dashboard asking once per programme stays flat. ``checklist_response_submit`` drops the
    cache of the respondent it is given.
    """
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_outreach_scores", None)
    if cached is None:
        rows = (
            ChecklistSectionScore.objects.filter(
                Q(response__respondent=user) | Q(response__email__iexact=user.email)
            )
            .order_by("-response__submitted_at", "-response_id")
            .values_list("response__checklist__programme_id", "response_id", "dimension", "score")
        )
        chosen: dict[tuple[int, str], int] = {}
        collected: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for programme_id, response_id, dimension, score in rows:
            owner = chosen.setdefault((programme_id, dimension), response_id)
            if owner == response_id:
                collected[programme_id][dimension].append(score)
        cached = {
            programme_id: {d: round(sum(v) / len(v)) for d, v in dimensions.items()}
            for programme_id, dimensions in collected.items()
        }
        user._outreach_scores = cached
    return dict(cached.get(programme.pk, {}))


def checklist_scores_forget(user) -> None:
    """Drop the cached scores after the user answered a checklist within the same request."""
    if user is not None and hasattr(user, "_outreach_scores"):
        del user._outreach_scores


# --- Info days ---------------------------------------------------------------------------------


def info_day_list_visible_to(*, user: User, programme: Programme) -> QuerySet[Event]:
    qs = Event.objects.filter(programme=programme, kind=EventKind.INFO_DAY)
    if not (user.is_superuser or roles_in(user, programme)):
        qs = qs.filter(registration_mode=RegistrationMode.PUBLIC)
    return (
        qs.select_related("programme")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
        .order_by("starts_at", "pk")
    )


def info_day_get_visible(*, user: User, programme: Programme, pk: int) -> Event:
    return get_object_or_404(info_day_list_visible_to(user=user, programme=programme), pk=pk)


def info_day_items(event: Event) -> list[InfoDayItem]:
    return list(event.info_day_items.order_by("starts_at", "order", "pk"))


def handout_list(*, programme: Programme, event: Event | None = None) -> QuerySet[Handout]:
    qs = Handout.objects.filter(programme=programme)
    if event is not None:
        qs = qs.filter(Q(event=event) | Q(event__isnull=True))
    return qs.order_by("kind", "title", "pk")


def handout_get_visible(*, user: User, programme: Programme, pk: int) -> Handout:
    """Handouts of public info days (or programme-wide ones) are public like the info day."""
    handout = get_object_or_404(Handout.objects.select_related("event"), programme=programme, pk=pk)
    if handout.event is not None:
        info_day_get_visible(user=user, programme=programme, pk=handout.event_id)
    return handout


# --- Brochures -------------------------------------------------------------------------------


def brochure_list_visible_to(*, user: User, programme: Programme) -> QuerySet[Brochure]:
    qs = Brochure.objects.filter(programme=programme)
    if not can_manage_outreach.test(user, programme):
        qs = qs.filter(status=PublicationStatus.PUBLISHED)
    return qs.annotate(story_count=Count("entries")).order_by("-updated_at", "pk")


def brochures_of(*, programme: Programme) -> QuerySet[Brochure]:
    """Every brochure of the programme, latest first (a manager's choice of where to add)."""
    return Brochure.objects.filter(programme=programme).order_by("-updated_at", "pk")


def brochure_get_visible(*, user: User, programme: Programme, pk: int) -> Brochure:
    return get_object_or_404(brochure_list_visible_to(user=user, programme=programme), pk=pk)


def brochure_entries(brochure: Brochure) -> list[BrochureEntry]:
    return list(
        brochure.entries.select_related("practice")
        .prefetch_related(
            Prefetch("practice__images", queryset=PracticeImage.objects.order_by("order"))
        )
        .order_by("order", "pk")
    )


def practice_choices_for_brochure(*, programme: Programme) -> QuerySet[Practice]:
    """Published cases a brochure may tell: the programme's own and shared ones."""
    return Practice.objects.filter(
        Q(programme=programme) | Q(shared=True), status=PublicationStatus.PUBLISHED
    ).order_by("title", "pk")


# --- Media ---------------------------------------------------------------------------------


def media_list(*, programme: Programme, status: str = "") -> QuerySet[MediaCommitment]:
    qs = MediaCommitment.objects.filter(programme=programme).select_related(
        "responsible", "programme"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-pk")


def media_get(*, programme: Programme, pk: int) -> MediaCommitment:
    return get_object_or_404(media_list(programme=programme), pk=pk)


def media_summary(*, programme: Programme) -> dict:
    """Channel by sector: published items and their estimated reach (one query).

    Items for both target groups count in both sector columns.
    """
    rows = (
        MediaCommitment.objects.filter(programme=programme, status=MediaStatus.PUBLISHED)
        .values("channel", "target_group")
        .annotate(n=Count("id"), reach=Sum("estimated_reach"))
    )
    cells: dict[str, dict[str, dict[str, int]]] = {
        channel: {sector: {"n": 0, "reach": 0} for sector in ("cci", "avm")}
        for channel in MediaChannel.values
    }
    for row in rows:
        sectors = ["cci", "avm"] if row["target_group"] == Audience.BOTH else [row["target_group"]]
        for sector in sectors:
            cell = cells[row["channel"]][sector]
            cell["n"] += row["n"]
            cell["reach"] += row["reach"] or 0
    return {
        "rows": [
            {"channel": label, "cci": cells[value]["cci"], "avm": cells[value]["avm"]}
            for value, label in MediaChannel.choices
        ],
        "totals": {
            sector: {
                "n": sum(cells[c][sector]["n"] for c in cells),
                "reach": sum(cells[c][sector]["reach"] for c in cells),
            }
            for sector in ("cci", "avm")
        },
    }
