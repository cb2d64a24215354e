"""Thin views of the workshops: create, the workshop page, availability, experts, agendas."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.ical import ics_response
from collider.models import Programme
from collider.pdf import render_pdf
from collider.rules import online_link_for
from collider.viewutils import form_data, submit

from .. import selectors, services
from ..forms import (
    AnswerForm,
    AvailabilityForm,
    ExpertInviteForm,
    MeetingRequestForm,
    WorkshopForm,
)
from ..ical import agenda_calendar
from .profiles import TAB


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.organise")
def workshop_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    def created(workshop) -> HttpResponse:
        messages.success(request, _("Workshop created."))
        return redirect(workshop.get_absolute_url())

    return submit(
        request,
        WorkshopForm(form_data(request)),
        lambda data: services.workshop_create(actor=request.user, programme=programme, **data),
        created,
        template="matchmaking/workshop_form.html",
        context={"tab": TAB, "programme": programme},
    )


def workshop_context(request, programme, workshop, **extra):
    """What the workshop page shows; ``extra`` replaces one of its forms (a refused POST)."""
    profile = selectors.profile_for(user=request.user, programme=programme)
    participation = selectors.participation_of(workshop=workshop, profile=profile)
    context = {
        "tab": TAB,
        "programme": programme,
        "workshop": workshop,
        "profile": profile,
        "participation": participation,
        "my_requests": selectors.requests_for(workshop=workshop, profile=profile),
        "agenda": selectors.agenda_for(workshop=workshop, profile=profile) if profile else [],
        "version": selectors.published_version(workshop=workshop),
        "request_form": MeetingRequestForm(programme=programme, profile=profile, workshop=workshop),
        "sessions": selectors.workshop_sessions(workshop=workshop),
        "availability_form": AvailabilityForm(
            workshop=workshop,
            initial={"cap": participation.cap, "unavailable": list(participation.unavailable.all())}
            if participation
            else None,
        ),
        "answer_form": AnswerForm(),
    }
    context.update(extra)
    return context


@require_GET
@programme_view("matchmaking.view")
def workshop_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    return render(
        request, "matchmaking/workshop_detail.html", workshop_context(request, programme, workshop)
    )


@require_POST
@programme_view("matchmaking.edit_profile")
def availability(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)

    def save(data):
        participation = services.participation_join(actor=request.user, workshop=workshop)
        return services.participation_update(
            actor=request.user,
            participation=participation,
            cap=data["cap"],
            unavailable=list(data["unavailable"]),
        )

    def saved(_participation) -> HttpResponse:
        messages.success(request, _("Your availability is saved."))
        return redirect(workshop.get_absolute_url())

    return submit(
        request,
        AvailabilityForm(request.POST, workshop=workshop),
        save,
        saved,
        template="matchmaking/workshop_detail.html",
        context=workshop_context(request, programme, workshop),
        form_name="availability_form",
    )


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.invite_experts")
def experts(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Invite experts to the workshop; those from the idea pitch and reviews are listed first."""
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    candidates = selectors.expert_candidates(programme=programme, workshop=workshop)

    def invite(data):
        expert = next(c for c in candidates if c.pk == data["expert"])
        services.expert_invite(
            actor=request.user, workshop=workshop, expert=expert, note=data["note"]
        )
        return expert

    def invited(expert) -> HttpResponse:
        messages.success(
            request,
            _("%(name)s is invited and can now be asked for meetings.")
            % {"name": expert.display_name},
        )
        return redirect("matchmaking:experts", slug=programme.slug, pk=workshop.pk)

    return submit(
        request,
        ExpertInviteForm(form_data(request), candidates=candidates),
        invite,
        invited,
        template="matchmaking/experts.html",
        context={
            "tab": TAB,
            "programme": programme,
            "workshop": workshop,
            "candidates": candidates,
            "invited": selectors.workshop_experts(workshop=workshop),
        },
    )


def _agenda(request, programme, workshop):
    profile = selectors.profile_for(user=request.user, programme=programme)
    if profile is None:
        raise Http404
    return profile, selectors.agenda_for(workshop=workshop, profile=profile)


@require_GET
@programme_view("matchmaking.edit_profile")
def agenda_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    profile, rows = _agenda(request, programme, workshop)
    pdf = render_pdf(
        "matchmaking/pdf/agenda.html",
        {
            "workshop": workshop,
            "profile": profile,
            "rows": rows,
            "version": selectors.published_version(workshop=workshop),
            "online_link": online_link_for(workshop.event, user=request.user),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{workshop.pk}.pdf"'
    return response


@require_GET
@programme_view("matchmaking.edit_profile")
def agenda_ics(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    profile, rows = _agenda(request, programme, workshop)
    version = selectors.published_version(workshop=workshop)
    body = agenda_calendar(
        workshop=workshop,
        profile=profile,
        rows=rows,
        online_link=online_link_for(workshop.event, user=request.user),
        sequence=version.number if version else 0,
    )
    return ics_response(body, filename=f"agenda-{workshop.pk}.ics")
