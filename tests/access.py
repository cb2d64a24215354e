"""The access matrix's vocabulary, shared by the core matrix and the phase apps' declarations.

A phase app declares its URLs in ``tests/<app>/access.py`` with ``ROUTES`` (one ``Route`` per URL
pattern key), optionally ``VARIANT_ROUTES`` (extra objects for some patterns), ``ADMIN_MODELS``
(``"app/model": lambda world: obj`` for its admin pages) and ``build_world(world)``, which adds the
objects its routes use to the shared world. tests/test_access_matrix.py loads every such module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from django.urls import reverse

ROLES = ("anonymous", "cci", "avm", "expert", "facilitator", "partner", "other_partner", "admin")
METHODS = ("GET", "POST")


# --- Outcomes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginRedirect:
    """A 302 to a login page whose ``next`` brings the visitor back to the requested path."""

    url_name: str

    def __str__(self) -> str:
        return f"login({self.url_name})"


@dataclass(frozen=True)
class Redirect:
    """A 302 to exactly ``target(world)``."""

    target: Callable[[SimpleNamespace], str]
    label: str = ""

    def __str__(self) -> str:
        return f"302→{self.label}"


LOGIN = LoginRedirect("account_login")
ADMIN_LOGIN = LoginRedirect("admin:login")

Outcome = int | LoginRedirect | Redirect


def to(url_name: str, kwargs: Callable[[SimpleNamespace], dict] | None = None) -> Redirect:
    """A redirect to a named URL, reversed with ``kwargs(world)``."""
    return Redirect(lambda w: reverse(url_name, kwargs=kwargs(w) if kwargs else None), url_name)


def row(*outcomes: Outcome) -> tuple[Outcome, ...]:
    """One outcome per role, in the order of ``ROLES``."""
    assert len(outcomes) == len(ROLES), outcomes
    return outcomes


#: A read-only model admin (collider.admin.ReadOnlyAdmin) to the staff admin, per view as
#: (GET, empty POST): it lists and shows, never adds, changes or deletes.
READ_ONLY_ADMIN_VIEWS = {"add": (403, 403), "change": (200, 403), "delete": (403, 403)}


def read_only_admin(labels) -> dict:
    """The admin exceptions of read-only models, keyed ``"<app>/<model>:<view>"``."""
    return {
        f"{label}:{view}": outcome
        for label in labels
        for view, outcome in READ_ONLY_ADMIN_VIEWS.items()
    }


def everyone(outcome: Outcome) -> tuple[Outcome, ...]:
    return (outcome,) * len(ROLES)


def by_login(anonymous: Outcome, user: Outcome, admin: Outcome | None = None):
    """Anonymous, then every logged-in non-admin role alike, then the admin."""
    return (anonymous, *(user,) * (len(ROLES) - 2), user if admin is None else admin)


@dataclass(frozen=True)
class Route:
    url: Callable[[SimpleNamespace], str]
    GET: tuple[Outcome, ...]
    POST: tuple[Outcome, ...]


def named(url_name: str, kwargs: Callable[[SimpleNamespace], dict] | None = None):
    return lambda w: reverse(url_name, kwargs=kwargs(w) if kwargs else None)
