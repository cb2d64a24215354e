"""The generated test of declared actions that are done on pages of their own (``url=None``:
no button to POST), driven through the declared service instead of a view.

For every action, every state and every role it calls ``action.run`` and checks the outcome
against the declaration: allowed (role and state) → exactly one semantic activity entry and the
declared ``to_state``; refused → ``PermissionDenied`` or ``ValidationError`` carrying the
declaration's refusal message, and nothing written — never another exception, never a silent
no-op. An action no role may do in any state is reported. All mismatches are reported together.
(Button actions are covered through their views by ``tests.actions.check_actions``.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from collider.actions import Action
from collider.models import ActivityEntry
from collider.viewutils import error_text


def _entries(action: Action, obj) -> int:
    return ActivityEntry.objects.filter(
        action=action.name, object_id=obj.pk, content_type__model=obj._meta.model_name
    ).count()


def check_services(
    actions: Iterable[Action],
    *,
    states: Iterable[str | None],
    make: Callable[[str | None], Any],
    roles: Mapping[str, Any],
    data: Mapping[str, Mapping[str, Any]] | None = None,
) -> int:
    """Run every action's service in every state as every role; see the module docstring.
    ``make(state)`` builds a fresh object in ``state`` that an allowed action can act on;
    ``roles`` maps a role's name to its user (None: anonymous); ``data`` holds the further
    keyword arguments of a service, by verb. Returns the number of calls."""
    data = data or {}
    failures: list[str] = []
    calls = 0
    for action in actions:
        allowed_anywhere = False
        for state in states:
            for role, person in roles.items():
                obj = make(state)
                user = None if person is None else get_user_model().objects.get(pk=person.pk)
                where = f"{action.verb} · {state} · {role}"
                expected = user is not None and action.allows(user, obj)
                refusal = None if expected else action.refusal(user, obj)
                before = _entries(action, obj)
                calls += 1
                try:
                    with transaction.atomic():
                        action.run(actor=user, obj=obj, **data.get(action.verb, {}))
                except (PermissionDenied, ValidationError) as error:
                    if expected:
                        failures.append(f"{where}: allowed, but refused: {error_text(error)}")
                    elif refusal is not None and error_text(refusal) != error_text(error):
                        failures.append(
                            f"{where}: refused with “{error_text(error)}”, "
                            f"not “{error_text(refusal)}”"
                        )
                    elif type(refusal) is not type(error):
                        failures.append(f"{where}: {type(error).__name__}, not {type(refusal)}")
                else:
                    if not expected:
                        failures.append(f"{where}: refused by its rule, yet the service ran")
                        continue
                    allowed_anywhere = True
                    written = _entries(action, obj) - before
                    now = getattr(
                        type(obj)._default_manager.get(pk=obj.pk), action.state_field, None
                    )
                    if written != 1:
                        failures.append(f"{where}: allowed, logged {written}")
                    elif action.to_state and now != action.to_state:
                        failures.append(f"{where}: allowed, but the state is {now}")
                    continue
                if _entries(action, obj) != before:
                    failures.append(f"{where}: refused, yet it logged an entry")
                after = getattr(type(obj)._default_manager.get(pk=obj.pk), action.state_field, None)
                if after != getattr(obj, action.state_field, None):
                    failures.append(f"{where}: refused, yet the state moved to {after}")
        if not allowed_anywhere:
            failures.append(f"{action.verb}: no role may do it in any state")
    assert not failures, f"{len(failures)} of {calls} calls disagree:\n" + "\n".join(failures)
    return calls
