"""Thin views of the 1:1 meeting requests: ask, answer, mark held, lock in the schedule."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.viewutils import act, submit

from .. import selectors, services
from ..forms import AnswerForm, MeetingRequestForm
from .workshops import workshop_context


@require_POST
@programme_view("matchmaking.request_meeting")
def request_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    profile = selectors.profile_for(user=request.user, programme=programme)

    def sent(_meeting) -> HttpResponse:
        messages.success(request, _("Your request is sent."))
        return redirect(workshop.get_absolute_url())

    return submit(
        request,
        MeetingRequestForm(request.POST, programme=programme, profile=profile, workshop=workshop),
        lambda data: services.meeting_request_create(actor=request.user, workshop=workshop, **data),
        sent,
        template="matchmaking/workshop_detail.html",
        context=workshop_context(request, programme, workshop),
        form_name="request_form",
    )


@require_POST
@programme_view("matchmaking.view")
def request_answer(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    if not request.user.has_perm("matchmaking.answer_request", meeting):
        return deny(request)

    def answer(data):
        service = (
            services.meeting_request_accept
            if data["decision"] == "accept"
            else services.meeting_request_decline
        )
        return service(actor=request.user, request=meeting, answer=data["answer"])

    def answered(_meeting) -> HttpResponse:
        messages.success(request, _("Your answer is sent."))
        return redirect(workshop.get_absolute_url())

    return submit(
        request,
        AnswerForm(request.POST),
        answer,
        answered,
        template="matchmaking/workshop_detail.html",
        context=workshop_context(request, programme, workshop),
        form_name="answer_form",
    )


@require_POST
@programme_view("matchmaking.view")
def meeting_held(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    return action_view(request, meeting, "held")


@require_POST
@programme_view("matchmaking.organise")
def meeting_lock(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    workshop = selectors.workshop_get(programme=programme, pk=pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    locked = request.POST.get("locked") == "1"
    return act(
        request,
        lambda: services.meeting_lock(actor=request.user, request=meeting, locked=locked),
        done=_("The meeting is locked in its slot.") if locked else _("The meeting is unlocked."),
        to="matchmaking:schedule",
        to_kwargs={"slug": programme.slug, "pk": workshop.pk},
    )
