"""Small helpers every app's views share, above all the one "form → service → response" block.

A view that takes a POST builds its form with :func:`form_data` (and :func:`form_files`), then
hands it to :func:`submit` with the service call and the page to show again. ``submit`` never
lets a service's refusal escape as a 500: a ``ValidationError`` becomes errors next to the
fields it names (else above the form) and a 400, a ``PermissionDenied`` a message and a 403.
A button that needs no form uses :func:`act`, which turns a refusal into a message and the same
redirect. A repeated identical submission is stopped before the view runs by the one-time
submission token (``collider.submission``), so neither helper has to think about it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

PAGE_SIZE = 25

Refusal = ValidationError | PermissionDenied


def paginate(request: HttpRequest, items, size: int = PAGE_SIZE) -> Page:
    """The requested page of ``items``; out-of-range or junk page numbers give a valid page."""
    return Paginator(items, size).get_page(request.GET.get("page"))


def error_text(error: Refusal) -> str:
    """A refusal from a service as one sentence for a message or a form error."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You are not allowed to do this.")


def form_data(request: HttpRequest):
    """Bound data for a POST (even an empty one, so it shows errors), None for a GET."""
    return request.POST if request.method == "POST" else None


def form_files(request: HttpRequest):
    """Uploaded files for a POST, None for a GET."""
    return request.FILES if request.method == "POST" else None


def posted_pk(request: HttpRequest, name: str) -> int:
    """The object id a form posted in ``name``; anything but a whole number is a 404."""
    value = request.POST.get(name, "")
    if not value.isascii() or not value.isdigit():
        raise Http404
    return int(value)


def refusal_status(error: Refusal) -> int:
    return 403 if isinstance(error, PermissionDenied) else 400


def apply_error(form, error: Refusal) -> int:
    """Put a service's refusal on ``form`` (on the fields it names) and return its status."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, error_text(error))
    elif hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        # The messages as they are: one may be safe HTML (a stale save's link to the diff).
        form.add_error(None, error.messages)
    return refusal_status(error)


def submit(
    request: HttpRequest,
    form,
    perform: Callable[[dict], Any],
    success: Callable[[Any], HttpResponse],
    *,
    template: str,
    context: Mapping[str, Any] | None = None,
    form_name: str = "form",
    valid: bool = True,
) -> HttpResponse:
    """The one POST block: show ``form`` on a GET; on a POST validate it, ``perform`` the
    service with its cleaned data and answer ``success(result)``; a refusal shows the page again.

    ``valid=False`` lets a view refuse a form it validated itself (a second form on the page).
    """
    status = 200
    if request.method == "POST":
        status = 400
        if valid and form.is_valid():
            try:
                result = perform(form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                status = apply_error(form, error)
            else:
                return success(result)
    page = dict(context or {})
    page[form_name] = form
    return render(request, template, page, status=status)


def act(
    request: HttpRequest,
    perform: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    to: str | HttpResponse | Any,
    to_args: tuple = (),
    to_kwargs: Mapping[str, Any] | None = None,
    next_url: Callable[[Any], Any] | None = None,
) -> HttpResponse:
    """A button without a form: ``perform`` the service, then say ``done`` (or why it was
    refused) and redirect to ``to`` (a URL name with its arguments, a model or a URL).
    ``done`` may be a function of the service's result (a count the message names), and
    ``next_url(result)`` where a success leads (the record the service made) when that is not
    ``to``, the page a refusal returns to."""
    try:
        result = perform()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, done(result) if callable(done) else done)
        if next_url is not None:
            return redirect(next_url(result))
    return redirect(to, *to_args, **(to_kwargs or {}))
