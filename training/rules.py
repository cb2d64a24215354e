"""Permission predicates of the training app, composed from the core's role predicates.

The object is the programme (or anything with one: rules.programme_of resolves it).
"""

import rules

from collider.rules import (
    can_view_programme,
    is_admin,
    is_member,
    is_participant,
    is_partner,
)

from .selectors import registration_of


@rules.predicate
def has_attended(user, session) -> bool:
    """Marked present at ``session``: who may give feedback on it (the admin too only then)."""
    registration = registration_of(user=user, session=session)
    return registration is not None and bool(registration.attended)


can_manage_training = is_partner | is_admin
can_view_catalogue = can_view_programme
can_view_library = is_member | is_admin
can_learn = is_participant

rules.add_perm("training.view_catalogue", can_view_catalogue)
rules.add_perm("training.manage_training", can_manage_training)
rules.add_perm("training.view_library", can_view_library)
rules.add_perm("training.learn", can_learn)
