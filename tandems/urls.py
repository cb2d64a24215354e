"""URLs of the tandems app, mounted under /p/<slug>/ by the root URLconf."""

from django.urls import path  # noqa: F401 - patterns arrive with the phase's issue

app_name = "tandems"

urlpatterns: list = []
