"""One access helper per object type, so no view forgets a check.

Objects the user may not see are 404 (selectors); objects they may see but not act on are 403,
or a redirect to the login page for anonymous visitors. A view states its rule once, in its
decorator (``programme_view``, ``event_view``, ``permission_view``) or, for an object it
resolved itself, with :func:`require` or :func:`deny`, never with a ``raise`` of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from . import selectors


def deny(request: HttpRequest, message: str = "") -> HttpResponse:
    """Anonymous visitors are sent to log in; anybody else gets a 403 saying ``message``."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(message)


def require(user, rule: str | rules.Predicate, obj=None, *, denied: str = "") -> None:
    """The check of a rule on an object a view resolved itself: a 403 saying ``denied`` unless
    ``user`` passes (also for anonymous visitors: no login prompt). ``rule`` is a permission
    name, answered as Django does (yes for a superuser), or a predicate, tested as it is (a
    rule that names the admin only where it means the admin, such as having attended)."""
    allowed = user.has_perm(rule, obj) if isinstance(rule, str) else rule.test(user, obj)
    if not allowed:
        raise PermissionDenied(denied)


def permission_view(perm: str, *, denied: str = "") -> Callable:
    """Require ``perm``, a permission on no object (creating a programme): anonymous visitors
    log in, anybody else without it gets a 403 saying ``denied``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_perm(perm):
                return deny(request, denied)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def programme_view(perm: str | None = None) -> Callable:
    """Resolve ``slug`` to a visible programme (else 404) and require ``perm`` on it."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            programme = selectors.programme_get_visible(user=request.user, slug=slug)
            if perm and not request.user.has_perm(perm, programme):
                return deny(request)
            return view(request, programme, *args, **kwargs)

        return wrapper

    return decorator


def event_view(perm: str = "collider.view_event") -> Callable:
    """Resolve ``slug`` and ``pk`` to an event the user may see (else 404), then check ``perm``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, pk: int, *args, **kwargs) -> HttpResponse:
            programme = selectors.programme_get_visible(user=request.user, slug=slug)
            try:
                event = selectors.event_get_visible(user=request.user, programme=programme, pk=pk)
            except Http404:
                # A members-only event: anonymous visitors may be members, so ask them to log in.
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise
            if not request.user.has_perm(perm, event):
                return deny(request)
            return view(request, event, *args, **kwargs)

        return wrapper

    return decorator
