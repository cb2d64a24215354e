"""What every service module of the matchmaking app shares: the refusal helper, the
organiser check, URLs for messages and the reminder kind."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from collider.enums import Role
from collider.models import Programme, User
from collider.rules import roles_in

REMINDER_KIND = "matchmaking_request_reminder"


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def _organiser(user: User, programme: Programme) -> bool:
    return user.is_superuser or bool({Role.PARTNER, Role.FACILITATOR} & roles_in(user, programme))


def _url(name: str, *args) -> str:
    return reverse(name, args=args)
