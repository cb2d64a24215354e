"""Pages of ideas: drafting and editing, the idea page with its team, needs and attachments,
and the buttons of its state machine (``collider.actions.action_view``)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider import selectors as core_selectors
from collider.access import programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.pagecache import cached_page
from collider.uploads import serve_upload
from collider.viewutils import act, form_data, form_files, submit
from collider.viewutils import paginate as _page

from .. import actions, selectors, services
from ..forms import AssignReviewerForm, AttachmentForm, CoAuthorForm, ExpertNeedForm, IdeaForm
from ..models import Challenge, Idea
from .common import TAB, act_on_form, challenge_view, idea_view


def _idea_form_page(request: HttpRequest, form, perform, *, done: str, context: dict):
    def success(idea: Idea) -> HttpResponse:
        messages.success(request, done)
        return redirect(idea)

    return submit(
        request,
        form,
        perform,
        success,
        template="challenges/idea_form.html",
        context={"tab": TAB, **context},
    )


def _funding_split(data: dict) -> tuple[dict, list]:
    fields = dict(data)
    return fields, fields.pop("funding_opportunities")


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.create_idea")
def idea_create(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    programme = challenge.programme
    opportunities = selectors.funding_matching(
        programme=programme, organisation=selectors.organisation_of(request.user, programme)
    )

    def perform(data: dict) -> Idea:
        fields, funding = _funding_split(data)
        return services.idea_create(
            lead=request.user, challenge=challenge, funding_opportunities=funding, **fields
        )

    return _idea_form_page(
        request,
        IdeaForm(form_data(request), opportunities=opportunities),
        perform,
        done=_("Idea saved as a draft. Invite your team and submit it before the deadline."),
        context={"programme": programme, "challenge": challenge},
    )


@require_http_methods(["GET", "POST"])
@idea_view("challenges.edit_idea")
def idea_edit(request: HttpRequest, idea: Idea) -> HttpResponse:
    programme = idea.challenge.programme
    opportunities = selectors.funding_matching(
        programme=programme, organisation=selectors.organisation_of(idea.lead, programme)
    )

    def perform(data: dict) -> Idea:
        fields, funding = _funding_split(data)
        services.idea_update(actor=request.user, idea=idea, funding_opportunities=funding, **fields)
        return idea

    return _idea_form_page(
        request,
        IdeaForm(form_data(request), instance=idea, opportunities=opportunities),
        perform,
        done=_("Idea saved."),
        context={"programme": programme, "challenge": idea.challenge, "idea": idea},
    )


@cached_page
@require_GET
@challenge_view("challenges.view_ideas")
def idea_list(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return render(
        request,
        "challenges/idea_list.html",
        {
            "programme": challenge.programme,
            "challenge": challenge,
            "page": _page(request, selectors.idea_list_for_challenge(challenge=challenge)),
            "tab": TAB,
        },
    )


@require_GET
@programme_view("challenges.view_my_ideas")
def my_ideas(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "challenges/my_ideas.html",
        {
            "programme": programme,
            "page": _page(
                request, selectors.idea_list_for_user(user=request.user, programme=programme)
            ),
            "tab": "challenges:my_ideas",
        },
    )


def _idea_page(request: HttpRequest, idea: Idea) -> dict:
    """The idea page's context; each form is there only for those whose action it serves."""
    challenge = idea.challenge
    programme = challenge.programme
    user = request.user

    def form_for(action, build):
        return build() if action.allows(user, idea) else None

    due = timezone.localtime() + timedelta(days=7)
    return {
        "programme": programme,
        "challenge": challenge,
        "idea": idea,
        "expert_needs": idea.expert_needs.all(),
        "attachments": idea.attachments.all(),
        "funding": idea.funding_opportunities.all(),
        "reviews": selectors.reviews_visible_to(user=user, idea=idea),
        "history": core_selectors.activity_entries_for(obj=idea, user=user),
        "coauthor_form": form_for(
            actions.IDEA_COAUTHOR_INVITE,
            lambda: CoAuthorForm(
                candidates=selectors.cci_participants(programme, exclude=idea.lead)
            ),
        ),
        "need_form": form_for(actions.IDEA_EXPERT_NEED_ADD, ExpertNeedForm),
        "attachment_form": form_for(actions.IDEA_ATTACHMENT_ADD, AttachmentForm),
        "assign_form": form_for(
            actions.REVIEW_ASSIGN,
            lambda: AssignReviewerForm(
                reviewers=services.eligible_reviewers(challenge).exclude(pk=idea.lead_id),
                initial={"due_at": due.strftime("%Y-%m-%dT%H:%M")},
            ),
        ),
        "opportunities": selectors.funding_matching(
            programme=programme, organisation=selectors.organisation_of(idea.lead, programme)
        ),
        "tab": TAB,
    }


@require_GET
@idea_view()
def idea_detail(request: HttpRequest, idea: Idea) -> HttpResponse:
    return render(request, "challenges/idea_detail.html", _idea_page(request, idea))


@require_POST
@idea_view()
def idea_action(request: HttpRequest, idea: Idea, action: str) -> HttpResponse:
    """Every button of the idea's state machine (declared in ``challenges.actions``)."""
    return action_view(request, idea, action, context={"tab": TAB})


@require_POST
@idea_view("challenges.lead_idea")
def idea_coauthor_invite(request: HttpRequest, idea: Idea) -> HttpResponse:
    return act_on_form(
        request,
        CoAuthorForm(request.POST, candidates=selectors.cci_participants(idea.challenge.programme)),
        invalid=_("Choose a CCI participant of this programme."),
        perform=lambda data: services.idea_coauthor_invite(
            actor=request.user, idea=idea, user=data["user"]
        ),
        done=_("Invitation sent."),
        to=idea,
    )


@require_POST
@idea_view("challenges.edit_idea")
def idea_need_add(request: HttpRequest, idea: Idea) -> HttpResponse:
    return act_on_form(
        request,
        ExpertNeedForm(request.POST),
        invalid=_("Choose the kind of expert and describe the need."),
        perform=lambda data: services.idea_expert_need_add(actor=request.user, idea=idea, **data),
        done=_("Expert need added."),
        to=idea,
    )


@require_POST
@idea_view("challenges.edit_idea")
def idea_need_remove(request: HttpRequest, idea: Idea, need_pk: int) -> HttpResponse:
    need = get_object_or_404(idea.expert_needs, pk=need_pk)
    return act(
        request,
        lambda: services.idea_expert_need_remove(actor=request.user, need=need),
        done=_("Expert need removed."),
        to=idea,
    )


@require_POST
@idea_view("challenges.edit_idea")
def idea_attachment_add(request: HttpRequest, idea: Idea) -> HttpResponse:
    """A refused file is shown on the idea page again, next to the upload field (400)."""

    def success(_attachment) -> HttpResponse:
        messages.success(request, _("File attached."))
        return redirect(idea)

    return submit(
        request,
        AttachmentForm(form_data(request), form_files(request)),
        lambda data: services.idea_attachment_add(
            actor=request.user, idea=idea, upload=data["file"]
        ),
        success,
        template="challenges/idea_detail.html",
        context=_idea_page(request, idea),
        form_name="attachment_form",
    )


@require_GET
@idea_view()
def idea_attachment_download(request: HttpRequest, idea: Idea, attachment_pk: int) -> HttpResponse:
    attachment = get_object_or_404(idea.attachments, pk=attachment_pk)
    return serve_upload(
        request, attachment.file, content_type=attachment.content_type, filename=attachment.name
    )


@require_POST
@idea_view("challenges.edit_idea")
def idea_attachment_remove(request: HttpRequest, idea: Idea, attachment_pk: int) -> HttpResponse:
    attachment = get_object_or_404(idea.attachments, pk=attachment_pk)
    return act(
        request,
        lambda: services.idea_attachment_remove(actor=request.user, attachment=attachment),
        done=_("Attachment removed."),
        to=idea,
    )
