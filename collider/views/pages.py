"""Public and personal pages of the core: home, health, dashboard, calendar feed, the 403 page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_POST,
    require_safe,
)
from django.views.i18n import set_language

from .. import dashboard, health, selectors, services
from ..ical import CONTENT_TYPE as ICS_CONTENT_TYPE
from ..ical import calendar_for
from ..models import User
from ..pagecache import cached_page

# --- Public and personal pages ------------------------------------------------------------


@cached_page
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "collider/home.html", {"programmes": selectors.programme_list_public()})


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and broker reachable: 200, else 503 naming the part that failed."""
    healthy, checks = health.run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@cached_page
@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    return render(request, "collider/dashboard.html", dashboard.build(request.user))


@login_required
@require_POST
def calendar_token_reset(request: HttpRequest) -> HttpResponse:
    services.calendar_token_reset(user=request.user)
    messages.success(request, _("Your calendar link was renewed; the old link no longer works."))
    return redirect("dashboard")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    events = selectors.event_list_for_user(user)
    body = calendar_for(events, name=_("Collider: my events"), user=user, key=f"feed-{user.pk}")
    return HttpResponse(body, content_type=ICS_CONTENT_TYPE)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", {"message": str(exception or "")}, status=403)


def language_set(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's ``set_language`` (cookie, redirect back), and for a
    signed-in person the choice is remembered on the account, so e-mails and other devices
    follow it."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.account_language_set(user=request.user, language=request.POST.get("language", ""))
    return response
