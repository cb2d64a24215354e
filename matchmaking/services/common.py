"""What every service module of the matchmaking app shares: URLs for messages and the reminder
kind. (Who may do what is declared once, in ``matchmaking/actions.py``.)"""

from __future__ import annotations

from django.urls import reverse

REMINDER_KIND = "matchmaking_request_reminder"


def _url(name: str, *args) -> str:
    return reverse(name, args=args)
