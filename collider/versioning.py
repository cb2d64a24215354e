"""Optimistic locking for records several people edit (STYLE §21).

An edit form carries, in the hidden ``based_on`` field, the version of the record it was opened
on; the service compares it with the row it has locked (``select_for_update``) and refuses a
save based on an older version, so a stale tab never silently reverts someone else's change.

A model opts in by naming the field that changes with every save in ``VERSION_FIELD`` (a
version number, a revision, or an ``updated_at`` timestamp) and having ``get_absolute_url``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _


def version_of(record) -> str:
    """The version token of ``record``: empty for no record (or an unsaved one)."""
    if record is None or record.pk is None:
        return ""
    value = getattr(record, record.VERSION_FIELD)
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class StaleEdit(ValidationError):
    """An edit based on an older version than the one stored; nothing was written."""


def ensure_current(record, based_on: str | None, *, url: str = "") -> None:
    """Refuse an edit of ``record`` (locked by the caller) that was based on another version.

    ``based_on=None`` is a write that did not start from a form (demo data, another service);
    a form that lost its hidden field sends "" and counts as based on nothing, so it is stale
    as soon as the record exists. ``url`` is where the current version (or the differences)
    can be seen; the record's own page by default.
    """
    if based_on is None or based_on == version_of(record):
        return
    link = url or record.get_absolute_url()
    raise StaleEdit(
        format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Someone saved a newer version after you opened this form. Your changes were "
                "not saved, so theirs are not overwritten: look at the current version, then "
                "make your changes there again."
            ),
            link,
            _("See the current version"),
        ),
        code="stale",
    )


class BasedOnFormMixin:
    """Adds the hidden ``based_on`` field to an edit form.

    It holds the version of ``record`` (a ModelForm's instance unless given) when the form was
    first shown; a re-shown bound form keeps the value it was posted with, so a refused stale
    edit stays refused until the person reloads the current version.
    """

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        if record is None:
            record = getattr(self, "instance", None)
        self.fields["based_on"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=version_of(record)
        )
