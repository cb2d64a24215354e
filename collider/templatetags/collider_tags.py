"""Template helpers for the programme core."""

from django import template
from django.urls import reverse

from collider import registry
from collider.enums import Phase

register = template.Library()


@register.simple_tag(takes_context=True)
def programme_nav(context, programme) -> list[dict]:
    """Navigation items phase apps registered, grouped by phase, filtered by permission.

    Returns one group per phase that has items the user may open, in phase order:
    ``{"phase", "number", "label", "short", "items": [{"label", "url", "key"}], "keys"}``.
    """
    user = context["request"].user
    groups: dict[str, dict] = {}
    for item in registry.nav_items():
        if not user.has_perm(item.perm, programme):
            continue
        phase = Phase(item.phase) if item.phase else None
        key = phase.value if phase else ""
        group = groups.setdefault(
            key,
            {
                "phase": key,
                "number": phase.number if phase else 0,
                "label": phase.label if phase else "",
                "short": phase.short_label if phase else "",
                "items": [],
                "keys": set(),
            },
        )
        group["items"].append(
            {
                "label": item.label,
                "url": reverse(item.url_name, kwargs={"slug": programme.slug}),
                "key": item.url_name,
            }
        )
        group["keys"].add(item.url_name)
    return sorted(groups.values(), key=lambda group: group["number"])
