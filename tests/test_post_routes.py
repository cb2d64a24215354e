"""No POST answers 500: every POST route of the access matrix's world, as every role that may
reach it, sent twice with the form its pages offer (filled in), once more after that (the wrong
state) and once with garbage (issue 13 item 14; issue 15 item 2's generated test).

The routes, outcomes, objects and sessions are the access matrix's own (imported, not copied);
the matrix itself already sends each route an empty body. A "valid-looking" body is what a
browser would send from the route's form: the POST forms of every page a role can open, kept by
their action, read from the matrix's own GET of that page (``visit``, made once per world).
A refusal is fine (400/403/404/409/429 with a message, or a redirect); only a server error
fails, and Django's test client re-raises it with its traceback.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from collider.submission import FIELD, new_token
from tests.access import ROLES, LoginRedirect
from tests.forms import filled, page_forms
from tests.test_access_matrix import (
    CHECKED,
    VARIANT_ROUTES,
    route_of,
    visit,
)

# Django's admin is for repairs only and has its own forms; allauth's and ours are covered.
SKIPPED_PREFIXES = ("admin:",)
REFUSED = {403, 404, 405}
GARBAGE = "🙃' OR 1=1; <b>x</b> -1 9999999999 2026-13-45"


def _reaches(outcome) -> bool:
    return not isinstance(outcome, LoginRedirect) and outcome not in REFUSED


POST_CASES = [
    (key, role)
    for key in [*CHECKED, *VARIANT_ROUTES]
    if not key.startswith(SKIPPED_PREFIXES)
    for role, outcome in zip(ROLES, route_of(key).POST, strict=True)
    if _reaches(outcome)
]


def _client(w, role: str) -> Client:
    client = Client()
    if role in w.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[role]
    return client


def _forms_on_pages(w, role: str) -> dict[str, dict[str, str]]:
    """The fields of every POST form on every page ``role`` may open, by the form's action."""
    forms: dict[str, dict[str, str]] = {}
    index, client = ROLES.index(role), Client()
    for key in [*CHECKED, *VARIANT_ROUTES]:
        route = route_of(key)
        if key.startswith(SKIPPED_PREFIXES) or route.GET[index] != 200:
            continue
        path = route.url(w)
        # Answers other than a 200 HTML page have none. Each GET was undone (a page may end
        # the session: allauth's reset link logs out another user).
        for form in page_forms(visit(w, client, path, role).html(), path):
            if form.method == "post":
                form.fields.pop(FIELD, None)
                forms.setdefault(form.action, filled(form))
    return forms


@pytest.fixture(scope="module")
def forms_seen():
    """Read lazily, once per role, inside the first test that needs it (before its POSTs)."""
    seen: dict[str, dict[str, dict[str, str]]] = {}

    def of(w, role: str) -> dict[str, dict[str, str]]:
        if role not in seen:
            seen[role] = _forms_on_pages(w, role)
        return seen[role]

    return of


@pytest.mark.parametrize(("key", "role"), POST_CASES, ids=[f"{k}-{r}" for k, r in POST_CASES])
def test_post_twice_in_the_wrong_state_and_with_garbage_never_answers_500(
    world,
    db,
    forms_seen,
    key,
    role,
):
    path = route_of(key).url(world)
    body = forms_seen(world, role).get(path, {})
    client = _client(world, role)
    token = new_token()

    answers = [
        client.post(path, body | {FIELD: token}),
        client.post(path, body | {FIELD: token}),  # a double click: the same form again
        client.post(path, body),  # another tab, after the first one changed the state
        client.post(path, {name: GARBAGE for name in body} or {"garbage": GARBAGE}),
    ]

    codes = [answer.status_code for answer in answers]
    assert all(code < 500 for code in codes), codes
    assert all(answer.status_code in {302, 303} or answer.content for answer in answers)
