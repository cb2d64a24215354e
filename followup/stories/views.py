"""Thin views of the success stories."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.models import Programme
from collider.selectors import programme_get_visible
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import error_text, paginate
from collider.viewutils import form_data as _data

from ..enums import StoryStatus
from ..selectors import cooperation_get
from . import selectors, services
from .forms import ConsentForm, PublishForm, StoryForm

COMPLETED_SHOWN = 10


@require_GET
@programme_view("followup.manage_stories")
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


def _form_page(request, programme, form, *, cooperation, story=None):
    return render(
        request,
        "followup/stories/story_form.html",
        {"programme": programme, "form": form, "cooperation": cooperation, "story": story},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_stories")
def story_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = cooperation_get(programme=programme, pk=pk)
    form = StoryForm(_data(request), request.FILES or None)
    if form.is_valid():
        try:
            fields = form.service_fields()
            fields.pop("based_on")
            story = services.story_create(actor=request.user, cooperation=cooperation, **fields)
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The story is drafted. Ask both sides for consent next."))
            return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)
    return _form_page(request, programme, form, cooperation=cooperation)


def _detail(request, programme, story, publish_form=None, status=200):
    return render(
        request,
        "followup/stories/story_detail.html",
        {
            "programme": programme,
            "story": story,
            "consents": selectors.consents_by_side(story),
            "consented": selectors.is_consented(story),
            "history": story.consents.model.objects.filter(story=story).select_related("user"),
            "publish_form": publish_form or PublishForm(programme=programme),
        },
        status=status,
    )


@require_GET
@programme_view("followup.manage_stories")
def story_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _detail(request, programme, selectors.story_get(programme=programme, pk=pk))


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_stories")
def story_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = selectors.story_get(programme=programme, pk=pk)
    form = StoryForm(_data(request), request.FILES or None, instance=story)
    if form.is_valid():
        was_published = story.status == StoryStatus.PUBLISHED
        try:
            story, cleared = services.story_update(
                actor=request.user, story=story, **form.service_fields()
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The story is saved."))
            if cleared or (was_published and story.status != StoryStatus.PUBLISHED):
                messages.warning(
                    request,
                    _(
                        "The text changed, so the consents given so far are cleared and both "
                        "sides are asked again. A published story has left the library until "
                        "then."
                    ),
                )
            return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)
    return _form_page(request, programme, form, cooperation=story.cooperation, story=story)


@require_POST
@programme_view("followup.manage_stories")
def story_ask(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = selectors.story_get(programme=programme, pk=pk)
    try:
        services.story_consent_request(actor=request.user, story=story)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Both sides are asked for their consent by e-mail."))
    return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)


@require_POST
@programme_view("followup.manage_stories")
def story_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = selectors.story_get(programme=programme, pk=pk)
    form = PublishForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            services.story_publish(actor=request.user, story=story, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The story is published in the best-practice library."))
            return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)
    return _detail(request, programme, story, publish_form=form, status=400)


@require_http_methods(["GET", "POST"])
def story_consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The contact's page (linked from the e-mail): read the story, consent or withdraw."""
    programme = programme_get_visible(user=request.user, slug=slug)
    if not request.user.is_authenticated:
        return deny(request)
    story = selectors.story_get_for_contact(user=request.user, programme=programme, pk=pk)
    form = ConsentForm(_data(request))
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == "consent":
                services.story_consent_give(
                    actor=request.user, story=story, text_hash_seen=form.cleaned_data["text_hash"]
                )
                messages.success(request, _("Thank you: your consent is recorded."))
            else:
                services.story_consent_withdraw(actor=request.user, story=story)
                messages.success(
                    request,
                    _("Your consent is withdrawn; the story is no longer published."),
                )
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            return redirect("followup:story_consent", slug=programme.slug, pk=story.pk)
    mine = [
        c for c in story.consents.all() if c.user_id == request.user.pk and c.withdrawn_at is None
    ]
    return render(
        request,
        "followup/stories/story_consent.html",
        {
            "programme": programme,
            "story": story,
            "form": form,
            "text_hash": selectors.text_hash(story),
            "my_consent": next(
                (c for c in mine if c.text_hash == selectors.text_hash(story)), None
            ),
            "can_consent": story.status == StoryStatus.ASKED,
        },
        status=400 if form.is_bound else 200,
    )
