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
