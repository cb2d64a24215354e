"""Writes to a person's own account settings."""

from __future__ import annotations

from ..languages import is_offered
from ..models import User


def account_language_set(*, user: User, language: str) -> bool:
    """Remember the language a signed-in person chose: their pages and e-mails use it from now
    on, on every device. Returns whether it changed; an unknown code changes nothing."""
    if not is_offered(language) or user.language == language:
        return False
    user.language = language
    User.objects.filter(pk=user.pk).update(language=language)
    return True
