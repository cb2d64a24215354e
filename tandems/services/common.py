"""What the tandem service modules share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from collider.models import User


def _require(user: User, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
