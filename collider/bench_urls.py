"""The benchmark's URLconf: the project's URLs plus a bare view and a layout page, the references
that ``bench_pages`` measures every page against.

Used only by ``collider.settings.bench`` (``make bench-pages``); never mounted in production.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from collider.urls import handler403  # noqa: F401 (handlers come from the root URLconf)


def bare(request: HttpRequest) -> HttpResponse:
    """What the framework alone costs: the middleware stack and an ``HttpResponse``."""
    return HttpResponse("ok")


def layout(request: HttpRequest) -> HttpResponse:
    """What any page of ours costs before its content: the site's base template (navigation,
    language switcher, messages, footer) around one paragraph, for whoever is logged in."""
    return render(request, "bench/layout.html")


urlpatterns = [
    path("__bare__/", bare, name="bench_bare"),
    path("__page__/", layout, name="bench_layout"),
    path("", include("collider.urls")),
]
