"""Reads of the training app that encode visibility. Every view starts from one of these."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.enums import EventStatus, RegistrationMode, RegistrationStatus, Role
from collider.models import Programme, Registration, User
from collider.rules import approved_memberships, roles_in
from outreach import selectors as outreach_selectors
from outreach.enums import Dimension as ChecklistDimension

from .enums import Audience, Dimension
from .models import (
    Certificate,
    Feedback,
    Material,
    MaterialCompletion,
    Module,
    Session,
    SessionOutput,
)

#: A readiness score (0 to 100) below this marks a dimension as one to work on.
WEAK_SCORE = 60


def _sees_all(user: User, programme: Programme) -> bool:
    return user.is_superuser or bool(roles_in(user, programme))


# --- Catalogue ---------------------------------------------------------------------------------


def module_list(*, programme: Programme) -> QuerySet[Module]:
    """The catalogue with trainers and the number of upcoming sessions, in two queries."""
    upcoming = Q(
        sessions__event__starts_at__gte=timezone.now(),
        sessions__event__status=EventStatus.SCHEDULED,
    )
    return (
        Module.objects.filter(programme=programme)
        .select_related("programme")
        .prefetch_related("trainers")
        .annotate(upcoming_count=Count("sessions", filter=upcoming, distinct=True))
        .order_by("dimension", "title", "pk")
    )


def module_get(*, programme: Programme, pk: int) -> Module:
    return get_object_or_404(
        Module.objects.select_related("programme").prefetch_related("trainers"),
        programme=programme,
        pk=pk,
    )


def _sessions(user: User, programme: Programme) -> QuerySet[Session]:
    qs = Session.objects.filter(event__programme=programme)
    if not _sees_all(user, programme):
        qs = qs.filter(event__registration_mode=RegistrationMode.PUBLIC)
    return qs.select_related(
        "event__programme", "event__host_organisation", "module__programme"
    ).annotate(
        confirmed_count=Count(
            "event__registrations",
            filter=Q(event__registrations__status=RegistrationStatus.CONFIRMED),
        ),
        waitlist_count=Count(
            "event__registrations",
            filter=Q(event__registrations__status=RegistrationStatus.WAITLISTED),
        ),
    )


def session_list_visible_to(
    *, user: User, programme: Programme, module: Module | None = None
) -> QuerySet[Session]:
    """Sessions and visits: members and admins see all, others the public ones."""
    qs = _sessions(user, programme)
    if module is not None:
        qs = qs.filter(module=module)
    return qs.order_by("event__starts_at", "pk")


def session_get_visible(*, user: User, programme: Programme, pk: int) -> Session:
    session = get_object_or_404(_sessions(user, programme), pk=pk)
    # The counts live on the session; the templates read them from the event like core pages.
    session.event.confirmed_count = session.confirmed_count
    session.event.waitlist_count = session.waitlist_count
    return session


def session_registration_page(event, user) -> str:
    """Sessions and company visits are registered for on the session's page (a visit's
    confidentiality confirmation lives there); an event of these kinds without a session is
    sent to the catalogue, never registered for on the generic event page."""
    session = Session.objects.filter(event=event).select_related("event__programme").first()
    if session is not None:
        return session.get_absolute_url()
    return reverse("training:module_list", args=[event.programme.slug])


def session_outputs(session: Session):
    return list(session.outputs.order_by("kind", "created_at", "pk"))


def output_get_visible(*, user: User, programme: Programme, pk: int):

    if not _sees_all(user, programme):
        raise Http404
    return get_object_or_404(
        SessionOutput.objects.select_related("session__event"),
        session__event__programme=programme,
        pk=pk,
    )


def registration_of(*, user: User, session: Session) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=session.event, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("training_feedback", "visit_confirmation")
        .first()
    )


def feedback_for_session(session: Session) -> QuerySet[Feedback]:
    return (
        Feedback.objects.filter(registration__event=session.event)
        .select_related("registration")
        .order_by("-created_at")
    )


def feedback_summary_for_event(event_id: int) -> dict:
    """How many attendees rated the session of this event and their mean rating (one query),
    for the follow-up app's training surveys."""
    summary = Feedback.objects.filter(registration__event_id=event_id).aggregate(
        n=Count("pk"), mean=Avg("rating")
    )
    return {"n": summary["n"], "mean": summary["mean"]}


def attended_sessions_for(*, user: User, programme: Programme) -> list[Session]:
    return list(
        Session.objects.filter(
            event__programme=programme,
            event__registrations__user=user,
            event__registrations__attended=True,
            event__registrations__status=RegistrationStatus.CONFIRMED,
            # Only attendance recorded once the session had begun certifies anything.
            event__registrations__attendance_marked_at__gte=F("event__starts_at"),
        )
        .select_related("event", "module")
        .order_by("event__starts_at", "pk")
        .distinct()
    )


# --- Library -----------------------------------------------------------------------------------


def material_list(*, user: User, programme: Programme) -> QuerySet[Material]:
    """The library with ``is_done`` for ``user`` (one query per page)."""
    done = MaterialCompletion.objects.filter(material=OuterRef("pk"), user_id=user.pk or 0)
    return (
        Material.objects.filter(programme=programme)
        .annotate(is_done=Exists(done))
        .order_by("dimension", "title", "pk")
    )


def material_get(*, user: User, programme: Programme, pk: int) -> Material:
    return get_object_or_404(material_list(user=user, programme=programme), pk=pk)


def _audiences(sector: str) -> list[str]:
    return [Audience.BOTH, sector] if sector in (Audience.CCI, Audience.AVM) else list(Audience)


def progress_per_dimension(*, user: User, programme: Programme, sector: str = "") -> list[dict]:
    """Per dimension: library items for the user's audience, how many are done, percent."""
    rows = (
        Material.objects.filter(programme=programme, audience__in=_audiences(sector))
        .values("dimension")
        .annotate(
            total=Count("pk", distinct=True),
            done=Count("completions", filter=Q(completions__user_id=user.pk), distinct=True),
        )
    )
    by_dimension = {row["dimension"]: row for row in rows}
    result = []
    for dimension in Dimension:
        row = by_dimension.get(dimension.value, {"total": 0, "done": 0})
        total, done = row["total"], row["done"]
        result.append(
            {
                "dimension": dimension.value,
                "label": dimension.label,
                "total": total,
                "done": done,
                "percent": round(100 * done / total) if total else 0,
            }
        )
    return result


# --- Learning path -----------------------------------------------------------------------------


def checklist_scores_for(*, user: User, programme: Programme) -> dict[str, int]:
    """Readiness scores per dimension from the outreach app (phase 2 owns the checklist;
    phase 3 only reads its selector)."""
    return dict(outreach_selectors.checklist_section_scores_for(user=user, programme=programme))


def scores_labelled(scores: dict[str, int]) -> list[tuple[str, int]]:
    """Checklist scores with readable names (the checklist has more dimensions than ours)."""
    labels = dict(ChecklistDimension.choices)
    return [
        (str(labels.get(key, key.replace("_", " ").capitalize())), v) for key, v in scores.items()
    ]


@dataclass
class Recommendation:
    dimension: str
    label: str
    score: int | None
    reason: str
    modules: list[Module] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)


def _weak_dimensions(scores: dict[str, int]) -> list[tuple[int, str]]:
    return sorted(
        (score, dimension)
        for dimension, score in scores.items()
        if dimension in Dimension.values and score < WEAK_SCORE
    )


def learning_paths_for(
    *, user: User, programmes: dict[Programme, str], limit: int = 3
) -> dict[int, list[Recommendation]]:
    """Learning paths of ``user`` in several programmes at once (``{programme: sector}``).

    For each programme, the dimensions scoring below ``WEAK_SCORE`` in the latest readiness
    checklist, weakest first, each with modules (soonest next session first) and library
    items not done yet for the participant's sector. Without a checklist answer a programme
    gets an empty path. Two queries for all programmes, plus the checklist read (which the
    outreach app caches per user), so a dashboard with many programmes stays flat.
    """

    weak = {
        programme.pk: _weak_dimensions(checklist_scores_for(user=user, programme=programme))
        for programme in programmes
    }
    wanted = Q(pk__in=[])
    for programme, sector in programmes.items():
        if weak[programme.pk]:
            wanted |= Q(
                programme=programme,
                dimension__in=[dimension for _score, dimension in weak[programme.pk]],
                audience__in=_audiences(sector),
            )
    if not any(weak.values()):
        return {programme.pk: [] for programme in programmes}
    # Modules whose next session is soonest come first: those are the ones to enrol in now.
    ahead = Session.objects.filter(
        module=OuterRef("pk"),
        event__starts_at__gte=timezone.now(),
        event__status=EventStatus.SCHEDULED,
    )
    modules = list(
        Module.objects.filter(wanted)
        .select_related("programme")
        .annotate(
            next_start=Subquery(ahead.order_by("event__starts_at").values("event__starts_at")[:1])
        )
        .order_by(F("next_start").asc(nulls_last=True), "title", "pk")
    )
    done = MaterialCompletion.objects.filter(material=OuterRef("pk"), user_id=user.pk)
    materials = list(
        Material.objects.filter(wanted)
        .annotate(is_done=Exists(done))
        .filter(is_done=False)
        .order_by("title", "pk")
    )
    labels = dict(Dimension.choices)
    paths = {}
    for programme in programmes:
        path = []
        for score, dimension in weak[programme.pk]:
            path.append(
                Recommendation(
                    dimension=dimension,
                    label=str(labels[dimension]),
                    score=score,
                    reason=_(
                        "Your readiness checklist scored %(score)s of 100 in %(dimension)s "
                        "(below %(threshold)s)."
                    )
                    % {"score": score, "dimension": labels[dimension], "threshold": WEAK_SCORE},
                    modules=[
                        m
                        for m in modules
                        if m.programme_id == programme.pk and m.dimension == dimension
                    ][:limit],
                    materials=[
                        m
                        for m in materials
                        if m.programme_id == programme.pk and m.dimension == dimension
                    ][:limit],
                )
            )
        paths[programme.pk] = path
    return paths


def learning_path_for(
    *, user: User, programme: Programme, sector: str = "", limit: int = 3
) -> list[Recommendation]:
    """The learning path of ``user`` in one programme (see ``learning_paths_for``)."""
    return learning_paths_for(user=user, programmes={programme: sector}, limit=limit)[programme.pk]


def learning_paths_cached(user: User) -> dict[int, list[Recommendation]]:
    """Paths in every programme where ``user`` is an approved participant, cached on the user
    object for the request (the dashboard asks once per programme)."""
    cached = getattr(user, "_training_paths", None)
    if cached is None:
        # The sectors come from the user's cached memberships; no query for people who
        # participate nowhere.
        sectors = {
            pk: sector
            for pk, role, _org, sector in approved_memberships(user)
            if role == Role.PARTICIPANT
        }
        cached = {}
        if sectors:
            programmes = Programme.objects.filter(pk__in=sectors)
            cached = learning_paths_for(
                user=user, programmes={p: sectors[p.pk] for p in programmes}, limit=1
            )
        user._training_paths = cached
    return cached


# --- Certificates ------------------------------------------------------------------------------


def certificate_for(*, user: User, programme: Programme) -> Certificate | None:
    return Certificate.objects.filter(programme=programme, user=user).first()


def certificate_get_by_code(code: str) -> Certificate | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    return Certificate.objects.select_related("programme").filter(code=code).first()
