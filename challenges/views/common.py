"""What every page of phase 4 shares: resolving a challenge or an idea the user may see."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from collider import selectors as core_selectors
from collider.access import deny
from collider.viewutils import act

from .. import selectors

#: The programme tab the challenge pages belong to.
TAB = "challenges:challenge_list"


def challenge_view(perm: str | None = None) -> Callable:
    """Resolve ``slug`` + ``pk`` to a challenge the user may see (else 404), check ``perm``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, pk: int, *args, **kwargs) -> HttpResponse:
            programme = core_selectors.programme_get_visible(user=request.user, slug=slug)
            challenge = selectors.challenge_get_visible(
                user=request.user, programme=programme, pk=pk
            )
            if perm and not request.user.has_perm(perm, challenge):
                return deny(request)
            return view(request, challenge, *args, **kwargs)

        return wrapper

    return decorator


def idea_view(perm: str | None = None) -> Callable:
    """Resolve ``slug`` + ``pk`` to an idea the user may see (else 404), check ``perm``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, pk: int, *args, **kwargs) -> HttpResponse:
            programme = core_selectors.programme_get_visible(user=request.user, slug=slug)
            if not request.user.is_authenticated:
                return deny(request)
            idea = selectors.idea_get_visible(user=request.user, programme=programme, pk=pk)
            if perm and not request.user.has_perm(perm, idea):
                return deny(request)
            return view(request, idea, *args, **kwargs)

        return wrapper

    return decorator


def act_on_form(
    request: HttpRequest, form, *, invalid: str, perform: Callable, done: str, to
) -> HttpResponse:
    r"""A small form that sits on an object's page (no page of its own): an invalid one is
    refused with the sentence ``invalid`` like a service's refusal, a valid one is
    ``perform``\ed with its cleaned data; either way back to ``to`` with the message."""

    def run():
        if not form.is_valid():
            raise ValidationError(invalid)
        return perform(form.cleaned_data)

    return act(request, run, done=done, to=to)
