"""The training app's declared write actions (STYLE §16; the framework is ``collider.actions``).

Enrolling in a session is done with the session page's own form (a company visit asks to
confirm its confidentiality text first), so it is no button: the declaration is the rule the
page asks (``{% can_do "training.session_register" session %}``), the guard of the service and
the sentence on the programme's activity timeline.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from collider.actions import Action

from .models import Session
from .rules import can_view_library
from .selectors import registration_of


@rules.predicate
def is_open_for_enrolment(user, session) -> bool:
    return session is not None and session.event.registration_open


@rules.predicate
def is_not_enrolled(user, session) -> bool:
    return session is not None and registration_of(user=user, session=session) is None


SESSION_REGISTER = Action(
    "training.session_register",
    model=Session,
    who=can_view_library,
    also=(
        (is_open_for_enrolment, _("Enrolment for this session is closed.")),
        (is_not_enrolled, _("You are enrolled in this session already.")),
    ),
    verb="enrol",
    label=_("Enrol"),
    denied=_("Enrolment is open to programme members."),
    log=_("%(actor)s enrolled in “%(object)s”"),
    actor_arg="user",
    target_arg="session",
    lock_related=("event__programme", "module"),
)
