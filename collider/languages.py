"""Which language a person reads: the offered languages, a programme's, an account's, a guest's.

The platform offers ``settings.LANGUAGES`` (each with a complete catalogue: CI's
``check_translations``). A programme declares its working languages among them; the switcher
lists those first. A person's choice is remembered on the account (``User.language``) and used
for every page and e-mail; a guest's is stored where they gave their address (a registration);
anyone else is written to in the programme's first language.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def offered() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def is_offered(code: str | None) -> bool:
    return bool(code) and code in offered()


def codes(value: str | None) -> list[str]:
    """``"sl,de"`` → ``["sl", "de"]``, keeping only offered languages, in order, once each."""
    seen: list[str] = []
    for code in (value or "").split(","):
        code = code.strip()
        if is_offered(code) and code not in seen:
            seen.append(code)
    return seen


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", text.casefold())


def codes_from_text(text: str) -> list[str]:
    """Language names or codes as people type them ("English, Deutsch", "sl") → offered codes.

    Used once, to turn the free-text "languages" programmes had into codes; unknown names are
    dropped (the programme page then lists only languages the platform speaks).
    """
    names: dict[str, str] = {}
    for code in offered():
        info = translation.get_language_info(code)
        for name in (code, info["name"], info["name_local"]):
            names[_plain(name)] = code
    found = [names.get(_plain(part)) for part in re.split(r"[,;/]| and ", text or "")]
    return codes(",".join(code for code in found if code))


def first_of(value: str | None) -> str:
    """The first of a programme's languages, else the platform's default language."""
    return next(iter(codes(value)), settings.LANGUAGE_CODE)


def switcher_choices(first: list[str] | None = None) -> list[dict]:
    """The switcher's entries: the given languages first, then the others; each named in itself
    ("Slovenščina"), as people look for their own language."""
    order = [code for code in first or [] if is_offered(code)]
    order += [code for code in offered() if code not in order]
    choices = []
    for code in order:
        info = translation.get_language_info(code)
        choices.append({"code": code, "name": info["name_local"], "first": code in (first or [])})
    return choices


def reader_language(*, user=None, language: str = "", programme=None) -> str:
    """The language a message to this reader is written in: the account's choice, else the one
    the guest used, else the programme's first, else the platform's."""
    for candidate in (getattr(user, "language", ""), language):
        if is_offered(candidate):
            return candidate
    if programme is not None:
        return first_of(programme.languages)
    return settings.LANGUAGE_CODE


def active() -> str:
    """The language of the current request (or task), as an offered code."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code if is_offered(code) else settings.LANGUAGE_CODE


class LanguagesFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, max_length=None, empty_value="", **kwargs):
        kwargs.pop("choices", None)
        super().__init__(choices=settings.LANGUAGES, **kwargs)

    def prepare_value(self, value):
        return codes(value) if isinstance(value, str) else value

    def to_python(self, value):
        if isinstance(value, str):
            return codes(value)
        return super().to_python(value)

    def clean(self, value):
        return ",".join(super().clean(value))

    def has_changed(self, initial, data):
        return codes(initial if isinstance(initial, str) else ",".join(initial or [])) != (
            self.to_python(data) or []
        )


class LanguagesField(models.CharField):
    """Offered language codes, stored comma-separated in order of preference ("sl,de")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("help_text", _("The languages the programme works in."))
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LanguagesFormField, **kwargs})
