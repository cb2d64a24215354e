"""Template helpers for the programme core."""

from django import template
from django.urls import reverse

from collider import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_nav(context, programme) -> list[dict]:
    """Navigation items phase apps registered, filtered by the user's permission."""
    user = context["request"].user
    items = []
    for item in registry.nav_items():
        if user.has_perm(item.perm, programme):
            items.append(
                {
                    "label": item.label,
                    "url": reverse(item.url_name, kwargs={"slug": programme.slug}),
                    "key": item.url_name,
                }
            )
    return items
