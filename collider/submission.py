"""One-time submission tokens: a form sent twice (a double click, a reload, Back and send
again) is acted on once.

Every form that carries the CSRF token also carries a fresh random ``submit_token``: the
``{% csrf_token %}`` tag is replaced for the whole site (``collider.templatetags.submission``,
a template builtin), so our pages, allauth's and the admin's forms all get one without any
template naming it. :class:`SubmissionTokenMiddleware` claims the token in the shared cache
with an atomic ``add`` before the view runs. A second request with the same token waits for
the first to finish: if the first ended in a redirect, it is sent to the same place with a
message and nothing runs twice; if the first was refused (the form shown again), the claim is
released and the second runs as normal. A POST without a token is not affected.

Works across processes only with a shared cache (``CACHE_URL``, Redis in production).
"""

from __future__ import annotations

import re
import secrets
import time

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

FIELD = "submit_token"
# Long enough for Back-and-resend on the same day; a token is never reused by a fresh page.
KEEP_SECONDS = 24 * 3600
# How long a repeated request waits for the first one before it gives up with a 409.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.1
PENDING = "pending"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_token() -> str:
    return secrets.token_urlsafe(16)


def _key(request: HttpRequest, token: str) -> str:
    return f"submission:{request.path}:{token}"


class SubmissionTokenMiddleware:
    """Claim each POST's submission token once; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_submission_key", None)
        if key is not None:
            location = response.get("Location") if 300 <= response.status_code < 400 else None
            if location:
                cache.set(key, location, KEEP_SECONDS)
            else:
                # Refused, failed or answered in place: nothing to point a repeat at.
                cache.delete(key)
        return response

    def process_view(self, request: HttpRequest, view, args, kwargs):
        if request.method != "POST":
            return None
        token = request.POST.get(FIELD, "")
        if not _TOKEN.fullmatch(token):
            return None
        key = _key(request, token)
        if cache.add(key, PENDING, KEEP_SECONDS):
            request._submission_key = key
            return None
        return self._repeat(request, key)

    def _repeat(self, request: HttpRequest, key: str) -> HttpResponse | None:
        deadline = time.monotonic() + WAIT_SECONDS
        outcome = cache.get(key)
        while outcome == PENDING and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            outcome = cache.get(key)
        if outcome is None and cache.add(key, PENDING, KEEP_SECONDS):
            request._submission_key = key
            return None
        if outcome and outcome != PENDING:
            messages.info(request, _("This form had already been sent: nothing was saved twice."))
            return HttpResponseRedirect(outcome)
        return render(request, "collider/submission_pending.html", status=409)
