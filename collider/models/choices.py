"""``get_FOO_display()`` without re-translating every choice on every call.

Django's own version hashes the field's whole list of choices on each call; with lazy
(translated) labels that is one gettext per choice per call, a hundred calls on a list page.
Models that inherit ``ChoiceLabels`` look the label up in a mapping built once per field and
language instead.
"""

from functools import cache

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@cache
def _labels(field: models.Field, language: str | None) -> dict:
    # ``language`` is only the cache key: the labels are translated into the active one.
    return {make_hashable(value): force_str(label) for value, label in field.flatchoices}


def choice_label(field: models.Field, value):
    """The label of ``value`` among ``field``'s choices in the active language, else ``value``."""
    return force_str(
        _labels(field, get_language()).get(make_hashable(value), value), strings_only=True
    )


class ChoiceLabels(models.Model):
    """Abstract base whose ``get_FOO_display()`` methods use ``choice_label``."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))
