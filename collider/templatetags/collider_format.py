"""``{% load collider_format %}``: money and recurrence rules in words (collider.formatting)."""

from django import template

from collider import formatting

register = template.Library()


@register.filter
def money(value, currency: str = "EUR") -> str:
    return formatting.money(value, currency)


@register.filter
def recurrence(rule: str) -> str:
    return formatting.recurrence(rule or "")


@register.filter(expects_localtime=True, is_safe=False)
def date_as(value, name: str) -> str:
    """``{{ event.starts_at|date_as:"WEEKDAY_DATETIME_FORMAT" }}``: one of our named formats
    (collider/formats/<lang>/formats.py) in the reader's language, where ``|date`` accepts only
    Django's own names. An unknown name is an error, not a pattern."""
    return formatting.date_as(value, name)
