"""The generated test of declared actions (``collider.actions``), for every app to call.

For every action, every state and every role it POSTs the action's button and checks the answer
against the declaration:

* allowed (role and state): 2xx/3xx, the semantic activity entry is written and the object is
  in the declared ``to_state`` — never a silent no-op;
* refused: 400/403 showing the declaration's refusal message, 404 when the person may not see
  the object at all, or (anonymous) the login page — and nothing changed;
* never a 500 (the test client re-raises the exception, which fails the test).

An action no role may do in any state is reported too: a declaration nobody can use is a bug.
All mismatches are collected and reported together, one line each.

Usage, in ``tests/<app>/test_actions.py``::

    def test_challenge_actions_follow_their_declarations(client, ...):
        check_actions(
            client,
            actions.declared(Challenge),
            states=ChallengeStatus.values,
            make=lambda state: make_challenge(state),     # a fresh object in ``state``
            roles={"anonymous": lambda c: None, "owner": lambda c: c.owner, ...},
            data={"request_changes": {"note": "Clearer scope, please."}},
        )
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from collider.actions import Action
from collider.models import ActivityEntry
from collider.viewutils import error_text

REFUSED = (400, 403, 404)


def _entries(action: Action, obj) -> int:
    return ActivityEntry.objects.filter(
        action=action.name, object_id=obj.pk, content_type__model=obj._meta.model_name
    ).count()


def _fresh(obj):
    return type(obj)._default_manager.get(pk=obj.pk)


def _fresh_user(user):
    # A new user object: roles are cached per object, and the last POST may have changed them.
    return None if user is None else get_user_model().objects.get(pk=user.pk)


def _shown(response) -> str:
    return html.unescape(response.content.decode(errors="replace"))


def check_actions(
    client,
    actions: Iterable[Action],
    *,
    states: Iterable[str],
    make: Callable[[str], Any],
    roles: Mapping[str, Callable[[Any], Any]],
    data: Mapping[str, Mapping[str, Any]] | None = None,
) -> int:
    """Exercise every declared action in every state for every role; see the module docstring.

    ``make(state)`` builds a fresh object in ``state`` with whatever an allowed action needs;
    ``roles`` maps a role's name to the person (None: anonymous) for a given object; ``data``
    holds the POST fields of actions that ask for some, by verb. For a model without states
    pass ``states=[None]``. Returns the number of POSTs.
    """
    states = tuple(states)
    data = data or {}
    # One signed-in client per person, kept for every POST of that person: logging in afresh
    # before each of the hundreds of POSTs cost a tenth of the test.
    clients: dict[int | None, Any] = {None: client}
    client.logout()

    def _client_of(user):
        key = None if user is None else user.pk
        if key not in clients:
            clients[key] = Client()
            clients[key].force_login(user)
        return clients[key]

    # Each person as one user object, read afresh only after an allowed POST: a refused one
    # changes nothing (checked below), so the roles cached on the object stay true.
    people: dict[int, Any] = {}

    def _person(user):
        if user is not None and user.pk not in people:
            people[user.pk] = _fresh_user(user)
        return None if user is None else people[user.pk]

    failures: list[str] = []
    posts = 0
    # The object in each state, kept for the next action while nobody changed it: a refused
    # POST changes nothing (checked below), an allowed one gets a fresh object.
    unchanged: dict[Any, Any] = {}
    for action in actions:
        allowed_anywhere = False
        for state in states:
            obj = _fresh(unchanged.pop(state, None) or make(state))
            for role, person in roles.items():
                user = _person(person(obj))
                where = f"{action.verb} · {state} · {role}"
                expected = user is not None and action.allows(user, obj)
                refusal = None if user is None or expected else action.refusal(user, obj)
                before = _entries(action, obj)
                response = _client_of(user).post(action.url_for(obj), data.get(action.verb, {}))
                posts += 1
                after = _fresh(obj)
                written = _entries(action, obj) - before
                state_now = getattr(after, action.state_field, None)
                status = response.status_code
                if expected:
                    allowed_anywhere = True
                    if not 200 <= status < 400:
                        failures.append(f"{where}: allowed, answered {status}")
                    elif written != 1:
                        failures.append(f"{where}: allowed, answered {status}, logged {written}")
                    elif action.to_state and state_now != action.to_state:
                        failures.append(f"{where}: allowed, but the state is {state_now}")
                    # The object has moved on: the next role gets a fresh one in ``state``.
                    obj = _fresh(make(state))
                    people.clear()
                    continue
                obj = after  # unchanged, as read after the POST
                if written or state_now != state:
                    failures.append(f"{where}: refused, yet it logged {written} → {state_now}")
                if user is None:
                    to_login = status == 302 and "login" in response.get("Location", "")
                    if not to_login and status != 404:
                        failures.append(f"{where}: anonymous got {status}, not the login page")
                elif status not in REFUSED:
                    failures.append(f"{where}: refused, answered {status}")
                elif status != 404 and refusal is not None:
                    message = error_text(refusal)
                    if message not in _shown(response):
                        failures.append(f"{where}: {status} without the message “{message}”")
            if getattr(_fresh(obj), action.state_field, None) == state:
                unchanged[state] = obj
        if not allowed_anywhere:
            failures.append(f"{action.verb}: no role may do it in any state")
    assert not failures, f"{len(failures)} of {posts} POSTs disagree:\n" + "\n".join(failures)
    return posts
