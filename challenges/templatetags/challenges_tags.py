from django import template
from django.utils.formats import number_format

from challenges.enums import STATUS_TONES

register = template.Library()


@register.filter
def status_tone(status: str) -> str:
    """The badge classes of a challenge's or an idea's state (neutral for the others)."""
    return STATUS_TONES.get(status, "text-bg-light border")


@register.simple_tag
def criterion_mean(row, criterion) -> str:
    """Mean score of one criterion in a ranking row, or a dash."""
    value = row.per_criterion.get(criterion.pk)
    return "—" if value is None else number_format(value, 1)
