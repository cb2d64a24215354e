"""A small cache-based limiter for anonymous form submissions (per client address).

Uses the shared cache (Redis in production), so every web process counts together. A fixed
window is enough here: it only has to stop a script from flooding a public form.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULT_LIMIT = (10, 600)  # 10 submissions per 10 minutes per client and form


def client_address(request: HttpRequest) -> str:
    # Behind our proxy (SECURE_PROXY_SSL_HEADER says there is one) the last X-Forwarded-For
    # entry is the address the proxy saw; earlier entries come from the client and could be
    # forged to dodge the limit. Without the header, the socket address.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request: HttpRequest, scope: str) -> bool:
    """Count one submission for ``scope``; False once the client is over the limit."""
    limit, window = getattr(settings, "OUTREACH_SUBMISSION_RATE", DEFAULT_LIMIT)
    key = f"outreach-rl:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
