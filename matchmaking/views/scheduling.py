"""Thin views of the scheduler: start and follow a run, stop it, publish, print the table plan."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.actions import NoFields, action_view
from collider.models import Programme
from collider.pagecache import cached_page
from collider.pdf import render_pdf
from collider.viewutils import act, form_data, posted_pk, submit

from .. import selectors, services
from ..forms import RunForm
from .profiles import TAB


def _schedule_context(request, programme, workshop) -> dict:
    """What the scheduler page shows: queries and work independent of the workshop's size
    (the latest run's stored figures, one page of meetings, two counts)."""
    summary = selectors.working_schedule_summary(workshop=workshop)
    moving = None
    if request.GET.get("move", "").isdigit():
        moving = (
            selectors.accepted_meetings(workshop=workshop).filter(pk=request.GET["move"]).first()
        )
    grid_page, tables, grid = selectors.schedule_grid(
        workshop=workshop, number=request.GET.get("grid"), moving=moving
    )
    return {
        "grid_page": grid_page,
        "tables": tables,
        "grid": grid,
        "moving": moving,
        "tab": TAB,
        "programme": programme,
        "workshop": workshop,
        "run": selectors.schedule_run_latest(workshop=workshop),
        "summary": summary,
        "meetings": selectors.accepted_meetings_page(
            workshop=workshop, number=request.GET.get("page"), total=summary["accepted"]
        ),
        "versions": workshop.versions.all()[:10],
    }


@cached_page
@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.organise")
def schedule(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The scheduler page; a POST only queues a background run (the page then shows it)."""
    workshop = selectors.workshop_get(programme=programme, pk=pk)

    def started(_run) -> HttpResponse:
        messages.success(request, _("The scheduler is running; the result appears below."))
        return redirect("matchmaking:schedule", slug=programme.slug, pk=workshop.pk)

    return submit(
        request,
        RunForm(form_data(request), initial={"time_limit": 10}),
        lambda data: services.schedule_run_start(
            actor=request.user,
            workshop=workshop,
            method=data["method"],
            time_limit=data["time_limit"],
        ),
        started,
        template="matchmaking/schedule.html",
        context=_schedule_context(request, programme, workshop),
    )


def _run(programme, pk: int, run_pk: int):
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    return workshop, selectors.schedule_run_get(workshop=workshop, pk=run_pk)


@require_GET
@programme_view("matchmaking.organise")
def schedule_run_status(
    request: HttpRequest, programme: Programme, pk: int, run_pk: int
) -> HttpResponse:
    """What the scheduler page polls while a run works: a few stored numbers, never cached."""
    _workshop_run, run = _run(programme, pk, run_pk)
    response = JsonResponse(
        {
            "status": run.status,
            "status_label": str(run.get_status_display()),
            "phase": run.phase,
            "placed": run.placed,
            "total": run.total,
            "bound": run.bound,
            "finished": run.is_finished,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@programme_view("matchmaking.organise")
def schedule_run_stop(
    request: HttpRequest, programme: Programme, pk: int, run_pk: int
) -> HttpResponse:
    workshop, run = _run(programme, pk, run_pk)
    return act(
        request,
        lambda: services.schedule_run_stop(actor=request.user, run=run),
        done=_("The scheduler stops after its current step and keeps its best."),
        to="matchmaking:schedule",
        to_kwargs={"slug": programme.slug, "pk": workshop.pk},
    )


@require_POST
@programme_view("matchmaking.organise")
def meeting_move(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    """Move a meeting to the posted slot and table from the scheduler's grid (and lock it); a
    refusal shows the scheduler again with the reason and a 400."""
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    slot = get_object_or_404(workshop.slots, pk=posted_pk(request, "slot"))
    table = get_object_or_404(workshop.tables, pk=posted_pk(request, "table"))

    def moved(_meeting) -> HttpResponse:
        messages.success(
            request,
            _("Meeting moved to slot %(slot)s, table %(table)s, and locked there.")
            % {"slot": slot, "table": table},
        )
        page = request.POST.get("page", "")
        url = reverse("matchmaking:schedule", kwargs={"slug": programme.slug, "pk": workshop.pk})
        return redirect(f"{url}?grid={page}#grid" if page.isdigit() else f"{url}#grid")

    return submit(
        request,
        NoFields(request.POST),
        lambda data: services.meeting_move(
            actor=request.user, request=meeting, slot=slot, table=table
        ),
        moved,
        template="matchmaking/schedule.html",
        context={
            "form": RunForm(None, initial={"time_limit": 10}),
            **_schedule_context(request, programme, workshop),
        },
        form_name="move_form",
    )


@require_POST
@programme_view("matchmaking.organise")
def publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The publish button (declared as ``SCHEDULE_PUBLISH``); its message counts who is told."""
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    schedule = reverse("matchmaking:schedule", args=[programme.slug, workshop.pk])
    return action_view(
        request,
        workshop,
        "publish",
        context={"back": schedule},
        next_url=lambda obj, version: schedule,
        done=lambda version: (
            ngettext(
                "Version %(n)s published; %(count)s participant notified.",
                "Version %(n)s published; %(count)s participants notified.",
                version.notified,
            )
            % {"n": version.number, "count": version.notified}
        ),
    )


@require_GET
@programme_view("matchmaking.organise")
def table_plan(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    pdf = render_pdf("matchmaking/pdf/table_plan.html", selectors.table_plan(workshop=workshop))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="table-plan-{workshop.pk}.pdf"'
    return response
