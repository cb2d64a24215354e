"""One throttle for every public write: allauth's rate limiter.

Sign-up, sign-in and password reset are limited inside allauth; the platform's own public forms
(guest event registration, info-day sign-up, checklist answers, signing links, a guest's
registration page) go through :func:`public_write`, which calls the same limiter. So there is
one set of rates (``ACCOUNT_RATE_LIMITS``, action → rates), one store (the shared Django cache:
Redis in production, so every web process and machine counts together) and one rule for the
client address (allauth's: ``REMOTE_ADDR``, or X-Forwarded-For only behind
``TRUSTED_PROXY_COUNT`` proxies). A refused request gets the translated 429 page
(``templates/429.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse

#: Every action a view throttles with ``public_write``; each needs rates in ACCOUNT_RATE_LIMITS.
PUBLIC_WRITE_ACTIONS: set[str] = set()


def _key(request: HttpRequest, key_field: str | None) -> str | None:
    if key_field is None:
        return None
    # The address the form would mail: the same victim cannot be flooded from many networks.
    value = request.POST.get(key_field, "")
    if not value and request.user.is_authenticated:
        value = request.user.email
    return value.strip().lower()


def public_write(action: str, *, key_field: str | None = None) -> Callable:
    """Decorate a view: each POST counts against ``ACCOUNT_RATE_LIMITS[action]``; over it → 429.

    ``key_field`` names the POST field holding an e-mail address the view will write to, for
    rates ``per`` key (``10/h/key``). GET requests are never counted.
    """
    PUBLIC_WRITE_ACTIONS.add(action)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST" and not ratelimit.consume(
                request, action=action, key=_key(request, key_field)
            ):
                return ratelimit.respond_429(request)
            return view(request, *args, **kwargs)

        # Outer decorators copy it (functools.wraps): tests find every throttled view by it.
        wrapper.public_write_action = action
        return wrapper

    return decorator
