"""Whole pages kept per reader until something they show changes, for at most a minute.

``@cached_page`` on a view keeps its rendered page (status 200, HTML) in the shared cache under
who asks (the user, or everybody anonymous), the full path, the language, the time zone, the
HTMX headers and the current minute. While the view runs, :func:`collider.cached.recording`
notes every table its queries read and every cached value it used, with their generations; the
page is served again only while all of them are unchanged — any write to one of those tables,
in any process, renews it — and the user's own row is always among them (the navigation shows
it). Things that depend on the clock (an event that started, a phase that opened) are at most
a minute late, as the minute is part of the key. Nothing is kept for a request that carries
messages to show, nor for a response that sets a cookie.

Each process also keeps the pages it served lately in its own memory (:data:`recent`, a few
megabytes): a page found there costs one round trip to the shared cache — its generations —
instead of two and no transfer of the page. Whether a page may be served is still decided by
the shared generations alone, so a copy in one process is never more current than the truth.

What must differ per request is left as a slot and filled in on the way out, on fresh and kept
pages alike: the CSRF token (``collider.context_processors.csrf``) and each form's one-time
submission token (``collider.templatetags.submission``).

Only for views whose GET has no side effect and whose page depends on nothing but the database,
the user and the request's URL — the reading pages of the product. Switched off with
``PAGE_CACHE=false``.
"""

from __future__ import annotations

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import cached
from .submission import new_token

SECONDS = 60

# The same in every process of a deployment (a page kept by one worker is served by another),
# and not guessable from outside: text a user typed cannot pose as a slot.
_SLOT = salted_hmac("collider.pagecache", "slot", algorithm="sha256").hexdigest()[:24]
CSRF_SLOT = f"csrf{_SLOT}"
SUBMISSION_SLOT = f"submission{_SLOT}"
_SUBMISSION_SLOTS = re.compile(SUBMISSION_SLOT.encode())


def is_recording(request) -> bool:
    """Whether ``request``'s page is being rendered to be kept (tokens become slots)."""
    return getattr(request, "_page_recording", False)


def _enabled(request) -> bool:
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    storage = getattr(request, "_messages", None)
    return storage is None or not len(storage)


def _minute() -> int:
    """The current minute, part of every key: what depends on the clock is at most a minute late."""
    return int(timezone.now().timestamp() // SECONDS)


def _key(request) -> str:
    user = request.user
    parts = [
        request.get_host(),
        request.get_full_path(),
        str(user.pk if user.is_authenticated else 0),
        getattr(request, "LANGUAGE_CODE", ""),
        timezone.get_current_timezone_name(),
        str(_minute()),
        *(f"{name}={value}" for name, value in request.headers.items() if name.startswith("Hx-")),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _keepable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _fill(request, response):
    """The page with this request's tokens in the slots."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response
    content = response.content
    if CSRF_SLOT.encode() in content:
        content = content.replace(CSRF_SLOT.encode(), get_token(request).encode())
    if SUBMISSION_SLOT.encode() in content:
        content = _SUBMISSION_SLOTS.sub(lambda _match: new_token().encode(), content)
    response.content = content
    return response


#: The pages this process kept or served lately: 16 MB of content at most.
recent = cached.Recent(limit=16 * 1024 * 1024, weight=lambda kept: len(kept["content"]))


def _find(key: str) -> dict | None:
    """The kept page under ``key`` if all it depends on is unchanged."""
    kept = recent.get(key) or cache.get(key)
    if kept is None:
        return None
    if cached.unchanged(kept["generations"]):
        recent.put(key, kept)
        return kept
    recent.discard(key)
    return None


def cached_page(view):
    """Keep ``view``'s pages as the module docstring says."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _enabled(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        kept = _find(key)
        if kept is not None:
            return _fill(request, _response(kept))
        request._page_recording = True
        try:
            users = cached.table_scope(get_user_model()._meta.db_table)
            with cached.recording(users) as generations:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
        finally:
            request._page_recording = False
        if _keepable(response):
            headers = [(name, value) for name, value in response.items()]
            kept = {"generations": generations, "headers": headers, "content": response.content}
            cache.set(key, kept, SECONDS)
            recent.put(key, kept)
        return _fill(request, response)

    return wrapper


def _response(kept: dict) -> HttpResponse:
    response = HttpResponse(kept["content"])
    for name, value in kept["headers"]:
        response[name] = value
    return response
