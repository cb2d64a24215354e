"""The project's URLs plus one action route for the events the core action tests declare."""

from django.shortcuts import get_object_or_404
from django.urls import path

from collider.actions import action_view
from collider.models import Event
from collider.urls import urlpatterns as project


def event_action(request, pk: int, verb: str):
    return action_view(request, get_object_or_404(Event, pk=pk), verb)


def event_action_counted(request, pk: int, verb: str):
    """The same action with its message worded from the service's result."""
    return action_view(
        request,
        get_object_or_404(Event, pk=pk),
        verb,
        done=lambda event: f"{event.title} is now {event.get_status_display()}.",
    )


urlpatterns = [
    *project,
    path("test-actions/<int:pk>/<slug:verb>/", event_action, name="test_event_action"),
    path(
        "test-actions/<int:pk>/<slug:verb>/counted/",
        event_action_counted,
        name="test_event_action_counted",
    ),
]
