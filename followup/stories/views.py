"""Thin views of the success stories."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.selectors import programme_get_visible
from collider.viewutils import form_data, form_files, paginate, submit

from ..enums import StoryStatus
from ..selectors import cooperation_get
from . import selectors, services
from .forms import ConsentForm, PublishForm, StoryForm

COMPLETED_SHOWN = 10


@require_GET
@programme_view("followup.view_stories")
def story_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = paginate(request, selectors.story_list(programme=programme))
    rows = [(story, selectors.consents_by_side(story)) for story in page]
    # The newest few; the board's "completed" column lists them all.
    completed = list(selectors.completed_cooperations(programme=programme)[:COMPLETED_SHOWN])
    return render(
        request,
        "followup/stories/story_list.html",
        {"programme": programme, "page": page, "rows": rows, "completed": completed},
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_stories")
def story_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = cooperation_get(programme=programme, pk=pk)
    form = StoryForm(form_data(request), form_files(request))

    def draft(_data):
        fields = form.service_fields()
        fields.pop("based_on")
        return services.story_create(actor=request.user, cooperation=cooperation, **fields)

    def drafted(story) -> HttpResponse:
        messages.success(request, _("The story is drafted. Ask both sides for consent next."))
        return redirect(story)

    return submit(
        request,
        form,
        draft,
        drafted,
        template="followup/stories/story_form.html",
        context={"programme": programme, "cooperation": cooperation, "story": None},
    )


def _detail_context(programme, story) -> dict:
    return {
        "programme": programme,
        "story": story,
        "consents": selectors.consents_by_side(story),
        "consented": selectors.is_consented(story),
        "history": story.consents.model.objects.filter(story=story).select_related("user"),
        "publish_form": PublishForm(programme=programme),
    }


@require_GET
@programme_view("followup.view_stories")
def story_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = selectors.story_get(programme=programme, pk=pk)
    return render(request, "followup/stories/story_detail.html", _detail_context(programme, story))


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_stories")
def story_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = selectors.story_get(programme=programme, pk=pk)
    was_published = story.status == StoryStatus.PUBLISHED
    form = StoryForm(form_data(request), form_files(request), instance=story)

    def saved(result) -> HttpResponse:
        updated, cleared = result
        messages.success(request, _("The story is saved."))
        if cleared or (was_published and updated.status != StoryStatus.PUBLISHED):
            messages.warning(
                request,
                _(
                    "The text changed, so the consents given so far are cleared and both "
                    "sides are asked again. A published story has left the library until "
                    "then."
                ),
            )
        return redirect(updated)

    return submit(
        request,
        form,
        lambda _data: services.story_update(
            actor=request.user, story=story, **form.service_fields()
        ),
        saved,
        template="followup/stories/story_form.html",
        context={"programme": programme, "cooperation": story.cooperation, "story": story},
    )


@require_POST
@programme_view("followup.manage_stories")
def story_ask(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = selectors.story_get(programme=programme, pk=pk)
    return action_view(request, story, "ask")


@require_POST
@programme_view("followup.publish_stories")
def story_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = selectors.story_get(programme=programme, pk=pk)

    def published(_story) -> HttpResponse:
        messages.success(request, _("The story is published in the best-practice library."))
        return redirect(story)

    return submit(
        request,
        PublishForm(request.POST, programme=programme),
        lambda data: services.story_publish(actor=request.user, story=story, **data),
        published,
        template="followup/stories/story_detail.html",
        context=_detail_context(programme, story),
        form_name="publish_form",
    )


@require_http_methods(["GET", "POST"])
def story_consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The contact's page (linked from the e-mail): read the story, consent or withdraw."""
    programme = programme_get_visible(user=request.user, slug=slug)
    if not request.user.is_authenticated:
        return deny(request)
    story = selectors.story_get_for_contact(user=request.user, programme=programme, pk=pk)
    form = ConsentForm(form_data(request))

    def answer(data):
        if data["action"] == "consent":
            services.story_consent_give(
                actor=request.user, story=story, text_hash_seen=data["text_hash"]
            )
            return _("Thank you: your consent is recorded.")
        services.story_consent_withdraw(actor=request.user, story=story)
        return _("Your consent is withdrawn; the story is no longer published.")

    def answered(message) -> HttpResponse:
        messages.success(request, message)
        return redirect("followup:story_consent", slug=programme.slug, pk=story.pk)

    mine = [
        c for c in story.consents.all() if c.user_id == request.user.pk and c.withdrawn_at is None
    ]
    return submit(
        request,
        form,
        answer,
        answered,
        template="followup/stories/story_consent.html",
        context={
            "programme": programme,
            "story": story,
            "text_hash": selectors.text_hash(story),
            "my_consent": next(
                (c for c in mine if c.text_hash == selectors.text_hash(story)), None
            ),
            "can_consent": story.status == StoryStatus.ASKED,
        },
    )
