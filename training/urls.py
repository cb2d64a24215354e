"""URLs of the training app, mounted under /p/<slug>/ by the root URLconf."""

from django.urls import path  # noqa: F401 - patterns arrive with the phase's issue

app_name = "training"

urlpatterns: list = []
