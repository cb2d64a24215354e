from django import template
from django.utils.formats import number_format

register = template.Library()


@register.simple_tag
def criterion_mean(row, criterion) -> str:
    """Mean score of one criterion in a ranking row, or a dash."""
    value = row.per_criterion.get(criterion.pk)
    return "—" if value is None else number_format(value, 1)
