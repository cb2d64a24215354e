"""Template helpers for the programme core."""

from functools import lru_cache

from django import template
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse

from collider import registry
from collider.actions import action_named, activity_text, available_actions
from collider.enums import Phase
from collider.languages import codes, switcher_choices

register = template.Library()


@lru_cache(maxsize=4096)
def _programme_url(resolver, prefix: str, url_name: str, slug: str) -> str:
    """``reverse`` of a programme section, kept: the nav reverses some 25 on every programme
    page. The resolver and the script prefix are part of the key, so a URLconf that changes
    (tests) or a mount point finds no stale entry."""
    return reverse(url_name, kwargs={"slug": slug})


@register.simple_tag(takes_context=True)
def programme_nav(context, programme) -> list[dict]:
    """Navigation items phase apps registered, grouped by phase, filtered by permission.

    Returns one group per phase that has items the user may open, in phase order:
    ``{"phase", "number", "label", "short", "items": [{"label", "url", "key"}], "keys"}``.
    """
    user = context["request"].user
    allowed: dict[str, bool] = {}  # several items share a permission: each is checked once
    groups: dict[str, dict] = {}
    for item in registry.nav_items():
        if item.perm not in allowed:
            allowed[item.perm] = user.has_perm(item.perm, programme)
        if not allowed[item.perm]:
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
                "url": _programme_url(
                    get_resolver(get_urlconf()), get_script_prefix(), item.url_name, programme.slug
                ),
                "key": item.url_name,
            }
        )
        group["keys"].add(item.url_name)
    return sorted(groups.values(), key=lambda group: group["number"])


@register.inclusion_tag("collider/_actions.html", takes_context=True)
def action_buttons(
    context, obj, only: str = "", block: bool = True, named: bool | str = False, next: str = ""
) -> dict:
    """One POST form per action the viewer may do to ``obj`` now (``collider.actions``).

    ``only``: comma-separated verbs, in the order to show them; ``block``: full-width buttons;
    ``named``: the button's accessible name also names the object (for lists of rows), or this
    name of it (a person rather than their membership); ``next``: the page to come back to (a
    filtered list), for views that follow it."""
    verbs = [verb.strip() for verb in only.split(",") if verb.strip()] if only else None
    return {
        "available": available_actions(context["request"].user, obj, only=verbs),
        "object": obj,
        "block": block,
        "named": named,
        "name": named if isinstance(named, str) else obj,
        "next": next,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def actions_available(context, obj, only: str = "") -> list:
    """The same list for a template that lays the buttons out itself (or shows a hint when
    there are none): ``{% actions_available idea as actions %}``."""
    verbs = [verb.strip() for verb in only.split(",") if verb.strip()] if only else None
    return available_actions(context["request"].user, obj, only=verbs)


@register.simple_tag(takes_context=True)
def can_do(context, name: str, obj) -> bool:
    """Whether the viewer may do the declared action ``name`` to ``obj`` now (role and state),
    for links to an action's own page: ``{% can_do "challenges.challenge_update" c as can_edit %}``.

    Not ``{% has_perm %}``: Django answers every permission with yes for a superuser, state
    or not, where an action's rule names the admin only where it means the admin."""
    action = action_named(name)
    if action is None:
        raise ValueError(f"No action is declared as {name}.")
    return action.allows(context["request"].user, obj)


@register.filter
def activity_sentence(entry) -> str:
    """A semantic activity entry in the reader's language ("Challenge published by Petra")."""
    return activity_text(entry)


@register.simple_tag(takes_context=True)
def language_choices(context) -> list[dict]:
    """The switcher's languages: the programme's working languages first (on its pages)."""
    programme = context.get("programme")
    return switcher_choices(codes(getattr(programme, "languages", "")))
