"""The benchmark's URLconf: the project's URLs plus a bare view to measure the framework's pace.

Used only by ``collider.settings.bench`` (``make bench-pages``); never mounted in production.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from collider.urls import handler403  # noqa: F401 (handlers come from the root URLconf)


def bare(request: HttpRequest) -> HttpResponse:
    """What the framework alone costs: the middleware stack and an ``HttpResponse``."""
    return HttpResponse("ok")


urlpatterns = [
    path("__bare__/", bare, name="bench_bare"),
    path("", include("collider.urls")),
]
