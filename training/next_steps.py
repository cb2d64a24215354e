"""What phase 3 asks of participants on their dashboard: their learning path."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from collider.enums import Role
from collider.registry import NextStep

from .selectors import learning_paths_cached


def training_next_steps(*, user, programme, roles):
    if Role.PARTICIPANT not in roles:
        return []
    steps = []
    for recommendation in learning_paths_cached(user).get(programme.pk, [])[:2]:
        if recommendation.modules:
            module = recommendation.modules[0]
            title = _("Training: %(title)s") % {"title": module.title}
            url = module.get_absolute_url()
        elif recommendation.materials:
            material = recommendation.materials[0]
            title = _("Read: %(title)s") % {"title": material.title}
            url = reverse("training:material_list", args=[programme.slug])
        else:
            continue
        steps.append(NextStep(title=title, url=url, reason=recommendation.reason, priority=35))
    return steps
