"""The access matrix: every URL pattern, as every role, by GET and POST, against a declared outcome.

DESIGN §5: deny by default, and a URL without an entry fails the suite. The patterns are
enumerated from the root URLconf (allauth, the admin, i18n and our ``collider`` namespace
included); ``test_every_url_pattern_is_declared`` fails on any pattern missing from the tables
below, and ``test_access`` requests each one as each role by each method: one test per pattern
(with its object variants), one per model admin for the admin's per-model pages, each listing
all of its failed checks (pattern · role · method: expected, got) in one message.

Outcomes: ``200`` (a page with content), ``LOGIN`` (302 to the login page with ``next`` set to
the requested path), ``ADMIN_LOGIN`` (the same for the admin's login), ``Redirect(...)`` (302 to a
declared target), and the plain error codes ``400``, ``403``, ``404`` and ``405``. POSTs carry an
empty body; one that succeeds anyway is declared as what it does. Every request runs in its own
transaction, rolled back afterwards, on data built once per session (the ``world`` fixture in
tests/conftest.py). Each GET is made once per world and shared with the safe-methods and POST
crawls (``visit``).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from http.cookies import SimpleCookie
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from collider.enums import (
    EventKind,
    MembershipStatus,
    ProgrammeStatus,
    RegistrationMode,
    Role,
    Sector,
)
from collider.models import Invitation, Membership, Reminder
from tests.access import (
    ADMIN_LOGIN,
    LOGIN,
    METHODS,
    ROLES,
    LoginRedirect,
    Outcome,
    Redirect,
    Route,
    by_login,
    everyone,
    named,
    read_only_admin,
    row,
    to,
)
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
    member,
)

# --- Kwargs from the world's objects ----------------------------------------------------------


def slug(w):
    return {"slug": w.programme.slug}


def members_event(w):
    return {"slug": w.programme.slug, "pk": w.members_event.pk}


def public_event(w):
    return {"slug": w.programme.slug, "pk": w.public_event.pk}


def partner_meeting(w):
    return {"slug": w.programme.slug, "pk": w.partner_meeting.pk}


# --- Our routes: every role and method spelt out ----------------------------------------------
#
# Rows list the roles in the order of ROLES:
#     anonymous, cci, avm, expert, facilitator, partner, other_partner, admin

TO_PROGRAMME = to("collider:programme_detail", slug)
TO_MANAGE = to("collider:programme_manage", slug)
TO_INVITATIONS = to("collider:invitation_list", slug)
TO_EVENT = to("collider:event_detail", members_event)
TO_GUEST_PAGE = Redirect(
    lambda w: reverse("collider:registration_manage", args=[w.guest_registration.token]),
    "registration_manage",
)

FORBIDDEN_BUT_PARTNER_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
FORBIDDEN_BUT_PARTNER_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)

COLLIDER_ROUTES: dict[str, Route] = {
    "home": Route(named("home"), GET=everyone(200), POST=everyone(405)),
    "healthz": Route(named("healthz"), GET=everyone(200), POST=everyone(405)),
    "dashboard": Route(
        named("dashboard"),
        GET=by_login(LOGIN, 200),
        POST=by_login(LOGIN, 405),
    ),
    # The feed is reached by its secret token alone (calendar apps cannot log in).
    "collider:calendar_feed": Route(
        lambda w: reverse("collider:calendar_feed", args=[w.users["cci"].calendar_token]),
        GET=everyone(200),
        POST=everyone(405),
    ),
    "collider:calendar_token_reset": Route(
        named("collider:calendar_token_reset"),
        GET=by_login(LOGIN, 405),
        POST=by_login(LOGIN, to("dashboard")),
    ),
    # Nobody in the matrix owns the invitation's address: accepting is refused with a message
    # (a 403: the invitation is someone else's).
    "collider:invitation_accept": Route(
        lambda w: reverse("collider:invitation_accept", args=[w.invitation.token]),
        GET=by_login(LOGIN, 200),
        POST=by_login(LOGIN, 403),
    ),
    # A guest's secret link: whoever holds it may see and cancel that one registration.
    "collider:registration_manage": Route(
        lambda w: reverse("collider:registration_manage", args=[w.guest_registration.token]),
        GET=everyone(200),
        POST=everyone(TO_GUEST_PAGE),
    ),
    "collider:programme_detail": Route(
        named("collider:programme_detail", slug), GET=everyone(200), POST=everyone(405)
    ),
    "collider:programme_onepager": Route(
        named("collider:programme_onepager", slug), GET=everyone(200), POST=everyone(405)
    ),
    # Participants who already belong are sent back to the programme; staff see the form.
    "collider:programme_apply": Route(
        named("collider:programme_apply", slug),
        GET=row(LOGIN, TO_PROGRAMME, TO_PROGRAMME, 200, 200, 200, 200, 200),
        POST=row(LOGIN, TO_PROGRAMME, TO_PROGRAMME, 400, 400, 400, 400, 400),
    ),
    "collider:programme_manage": Route(
        named("collider:programme_manage", slug),
        GET=FORBIDDEN_BUT_PARTNER_GET,
        POST=everyone(405),
    ),
    # The application is open: its partners approve or reject it and return to the page.
    "collider:membership_approve": Route(
        named(
            "collider:membership_approve",
            lambda w: {"slug": w.programme.slug, "pk": w.application.pk},
        ),
        GET=everyone(405),
        POST=row(LOGIN, 403, 403, 403, 403, TO_MANAGE, 403, TO_MANAGE),
    ),
    "collider:membership_reject": Route(
        named(
            "collider:membership_reject",
            lambda w: {"slug": w.programme.slug, "pk": w.application.pk},
        ),
        GET=everyone(405),
        POST=row(LOGIN, 403, 403, 403, 403, TO_MANAGE, 403, TO_MANAGE),
    ),
    "collider:invitation_list": Route(
        named("collider:invitation_list", slug),
        GET=FORBIDDEN_BUT_PARTNER_GET,
        POST=FORBIDDEN_BUT_PARTNER_BAD_POST,
    ),
    "collider:invitation_revoke": Route(
        named(
            "collider:invitation_revoke",
            lambda w: {"slug": w.programme.slug, "pk": w.invitation.pk},
        ),
        GET=everyone(405),
        POST=row(LOGIN, 403, 403, 403, 403, TO_INVITATIONS, 403, TO_INVITATIONS),
    ),
    "collider:programme_phases": Route(
        named("collider:programme_phases", slug),
        GET=FORBIDDEN_BUT_PARTNER_GET,
        POST=FORBIDDEN_BUT_PARTNER_BAD_POST,
    ),
    "collider:programme_activity": Route(
        named("collider:programme_activity", slug),
        GET=FORBIDDEN_BUT_PARTNER_GET,
        POST=everyone(405),
    ),
    "collider:event_list": Route(
        named("collider:event_list", slug), GET=everyone(200), POST=everyone(405)
    ),
    "collider:event_create": Route(
        named("collider:event_create", slug),
        GET=FORBIDDEN_BUT_PARTNER_GET,
        POST=FORBIDDEN_BUT_PARTNER_BAD_POST,
    ),
    # The event routes use the members-only event: hidden (404) from the other programme's
    # partner, a login prompt for anonymous visitors (who may be members).
    "collider:event_detail": Route(
        named("collider:event_detail", members_event),
        GET=row(LOGIN, 200, 200, 200, 200, 200, 404, 200),
        POST=everyone(405),
    ),
    "collider:event_edit": Route(
        named("collider:event_edit", members_event),
        GET=row(LOGIN, 403, 403, 403, 403, 200, 404, 200),
        POST=row(LOGIN, 403, 403, 403, 403, 400, 404, 400),
    ),
    "collider:event_cancel": Route(
        named("collider:event_cancel", members_event),
        GET=everyone(405),
        POST=row(LOGIN, 403, 403, 403, 403, TO_EVENT, 404, TO_EVENT),
    ),
    # Members register with one click (a GET shows the event page); the admin is no member.
    "collider:event_register": Route(
        named("collider:event_register", members_event),
        GET=row(LOGIN, TO_EVENT, TO_EVENT, TO_EVENT, TO_EVENT, TO_EVENT, 404, 403),
        POST=row(LOGIN, TO_EVENT, TO_EVENT, TO_EVENT, TO_EVENT, TO_EVENT, 404, 403),
    ),
    # Only the CCI participant holds a registration for the members-only event.
    "collider:event_unregister": Route(
        named("collider:event_unregister", members_event),
        GET=by_login(LOGIN, 405),
        POST=row(LOGIN, TO_EVENT, 404, 404, 404, 404, 404, 404),
    ),
    # An empty attendance form marks every confirmed registrant absent.
    # The members' event has not started: attendance is refused until it does.
    "collider:event_attendance": Route(
        named("collider:event_attendance", members_event),
        GET=row(LOGIN, 403, 403, 403, 403, 200, 404, 200),
        POST=row(LOGIN, 403, 403, 403, 403, 400, 404, 400),
    ),
    "collider:event_ics": Route(
        named("collider:event_ics", members_event),
        GET=row(LOGIN, 200, 200, 200, 200, 200, 404, 200),
        POST=everyone(405),
    ),
}

# More objects for some routes: the public event, a draft programme, and objects of the other
# programme addressed under this programme's slug. Checked like the rest; not part of the
# coverage comparison, which is about patterns.
VARIANT_ROUTES: dict[str, Route] = {
    "collider:event_detail[public]": Route(
        named("collider:event_detail", public_event), GET=everyone(200), POST=everyone(405)
    ),
    "collider:event_ics[public]": Route(
        named("collider:event_ics", public_event), GET=everyone(200), POST=everyone(405)
    ),
    # Guests fill a form (an empty one is refused); people with an account register directly.
    "collider:event_register[public]": Route(
        named("collider:event_register", public_event),
        GET=by_login(200, to("collider:event_detail", public_event)),
        POST=by_login(400, to("collider:event_detail", public_event)),
    ),
    # The tandem's internal meeting: programme staff only; participants get a 404.
    "collider:event_detail[partner_meeting]": Route(
        named("collider:event_detail", partner_meeting),
        GET=row(LOGIN, 404, 404, 200, 200, 200, 404, 200),
        POST=everyone(405),
    ),
    "collider:event_ics[partner_meeting]": Route(
        named("collider:event_ics", partner_meeting),
        GET=row(LOGIN, 404, 404, 200, 200, 200, 404, 200),
        POST=everyone(405),
    ),
    "collider:programme_detail[draft]": Route(
        named("collider:programme_detail", lambda w: {"slug": w.draft.slug}),
        GET=row(404, 404, 404, 404, 404, 200, 404, 200),
        POST=everyone(405),
    ),
    "collider:event_list[draft]": Route(
        named("collider:event_list", lambda w: {"slug": w.draft.slug}),
        GET=row(404, 404, 404, 404, 404, 200, 404, 200),
        POST=everyone(405),
    ),
    "collider:programme_manage[draft]": Route(
        named("collider:programme_manage", lambda w: {"slug": w.draft.slug}),
        GET=row(404, 404, 404, 404, 404, 200, 404, 200),
        POST=everyone(405),
    ),
    "collider:event_detail[foreign]": Route(
        named(
            "collider:event_detail", lambda w: {"slug": w.programme.slug, "pk": w.foreign_event.pk}
        ),
        GET=row(LOGIN, 404, 404, 404, 404, 404, 404, 404),
        POST=everyone(405),
    ),
    "collider:event_edit[foreign]": Route(
        named(
            "collider:event_edit", lambda w: {"slug": w.programme.slug, "pk": w.foreign_event.pk}
        ),
        GET=row(LOGIN, 404, 404, 404, 404, 404, 404, 404),
        POST=row(LOGIN, 404, 404, 404, 404, 404, 404, 404),
    ),
    # Another programme's application under this programme's slug does not exist here.
    "collider:membership_approve[foreign]": Route(
        named(
            "collider:membership_approve",
            lambda w: {"slug": w.programme.slug, "pk": w.foreign_application.pk},
        ),
        GET=everyone(405),
        POST=row(LOGIN, 404, 404, 404, 404, 404, 404, 404),
    ),
    "collider:invitation_revoke[foreign]": Route(
        named(
            "collider:invitation_revoke",
            lambda w: {"slug": w.programme.slug, "pk": w.foreign_invitation.pk},
        ),
        GET=everyone(405),
        POST=row(LOGIN, 404, 404, 404, 404, 404, 404, 404),
    ),
}


# --- Third-party routes, grouped by rule ------------------------------------------------------

HOME = to("home")
DASHBOARD = to("dashboard")

# allauth. Nobody in the matrix has a pending login, a TOTP device or recovery codes, and a
# forced login does not count as recent authentication for the sensitive MFA pages.
REAUTHENTICATE = LoginRedirect("account_reauthenticate")
ACCOUNT_LOGIN = to("account_login")
SET_PASSWORD = to(
    "account_reset_password_from_key", lambda w: {"uidb36": w.reset_uidb36, "key": "set-password"}
)

ALLAUTH_ROUTES: dict[str, Route] = {
    "account_login": Route(
        named("account_login"), GET=by_login(200, DASHBOARD), POST=by_login(200, DASHBOARD)
    ),
    "account_logout": Route(named("account_logout"), GET=by_login(HOME, 200), POST=everyone(HOME)),
    "account_inactive": Route(named("account_inactive"), GET=everyone(200), POST=everyone(405)),
    "account_signup": Route(
        named("account_signup"), GET=by_login(200, DASHBOARD), POST=by_login(200, DASHBOARD)
    ),
    "account_reauthenticate": Route(
        named("account_reauthenticate"), GET=by_login(LOGIN, 200), POST=by_login(LOGIN, 200)
    ),
    # An empty POST names no action, so the page is shown again.
    "account_email": Route(
        named("account_email"), GET=by_login(LOGIN, 200), POST=by_login(LOGIN, to("account_email"))
    ),
    "account_email_verification_sent": Route(
        named("account_email_verification_sent"), GET=everyone(200), POST=everyone(405)
    ),
    "account_change_password": Route(
        named("account_change_password"), GET=by_login(LOGIN, 200), POST=by_login(LOGIN, 200)
    ),
    # Everyone in the matrix has a password already, so "set" becomes "change".
    "account_set_password": Route(
        named("account_set_password"),
        GET=by_login(LOGIN, to("account_change_password")),
        POST=by_login(LOGIN, to("account_change_password")),
    ),
    "account_reset_password": Route(
        named("account_reset_password"), GET=everyone(200), POST=everyone(200)
    ),
    "account_confirm_login_code": Route(
        named("account_confirm_login_code"),
        GET=by_login(ACCOUNT_LOGIN, DASHBOARD),
        POST=by_login(ACCOUNT_LOGIN, DASHBOARD),
    ),
    # The key is the secret: whoever holds it may confirm the address (then logs in).
    "account_confirm_email": Route(
        named("account_confirm_email", lambda w: {"key": w.email_confirmation_key}),
        GET=everyone(200),
        POST=everyone(ACCOUNT_LOGIN),
    ),
    "account_reset_password_from_key_done": Route(
        named("account_reset_password_from_key_done"), GET=everyone(200), POST=everyone(405)
    ),
    # A valid key is moved into the session and out of the URL before the form is shown.
    "account_reset_password_from_key": Route(
        named(
            "account_reset_password_from_key",
            lambda w: {"uidb36": w.reset_uidb36, "key": w.reset_key},
        ),
        GET=everyone(SET_PASSWORD),
        POST=everyone(SET_PASSWORD),
    ),
    "account_reset_password_done": Route(
        named("account_reset_password_done"), GET=everyone(200), POST=everyone(405)
    ),
    "mfa_index": Route(named("mfa_index"), GET=by_login(LOGIN, 200), POST=by_login(LOGIN, 405)),
    "mfa_authenticate": Route(
        named("mfa_authenticate"),
        GET=by_login(ACCOUNT_LOGIN, DASHBOARD),
        POST=by_login(ACCOUNT_LOGIN, DASHBOARD),
    ),
    # Without an authenticator the MFA reauthentication falls back to the password.
    "mfa_reauthenticate": Route(
        named("mfa_reauthenticate"),
        GET=by_login(LOGIN, to("account_reauthenticate")),
        POST=by_login(LOGIN, to("account_reauthenticate")),
    ),
    "mfa_activate_totp": Route(
        named("mfa_activate_totp"),
        GET=by_login(LOGIN, REAUTHENTICATE),
        POST=by_login(LOGIN, REAUTHENTICATE),
    ),
    "mfa_deactivate_totp": Route(
        named("mfa_deactivate_totp"), GET=by_login(LOGIN, 404), POST=by_login(LOGIN, 404)
    ),
    "mfa_view_recovery_codes": Route(
        named("mfa_view_recovery_codes"), GET=by_login(LOGIN, 404), POST=by_login(LOGIN, 405)
    ),
    "mfa_generate_recovery_codes": Route(
        named("mfa_generate_recovery_codes"),
        GET=by_login(LOGIN, REAUTHENTICATE),
        POST=by_login(LOGIN, REAUTHENTICATE),
    ),
    "mfa_download_recovery_codes": Route(
        named("mfa_download_recovery_codes"), GET=by_login(LOGIN, 404), POST=by_login(LOGIN, 404)
    ),
    # Switching the language is open to everyone and returns to the referring page (here: home).
    "set_language": Route(named("set_language"), GET=everyone(HOME), POST=everyone(HOME)),
}

# The admin: everyone but the admin is sent to the admin's own login page.
ADMIN_INDEX = to("admin:index")


def staff_only(get: Outcome, post: Outcome, *, others: Outcome = ADMIN_LOGIN) -> dict:
    return {"GET": by_login(others, others, get), "POST": by_login(others, others, post)}


ADMIN_SITE_ROUTES: dict[str, Route] = {
    "admin:index": Route(named("admin:index"), **staff_only(200, 200)),
    # allauth's secure_admin_login: visitors sign in through allauth's login (its rate limits
    # and second factor), people without staff rights are refused.
    "admin:login": Route(
        named("admin:login"),
        GET=by_login(LOGIN, 403, ADMIN_INDEX),
        POST=by_login(LOGIN, 403, 200),
    ),
    "admin:logout": Route(named("admin:logout"), **staff_only(405, 200, others=ADMIN_INDEX)),
    "admin:password_change": Route(named("admin:password_change"), **staff_only(200, 200)),
    "admin:password_change_done": Route(
        named("admin:password_change_done"), **staff_only(200, 405)
    ),
    # Without a field to complete the autocomplete view refuses to answer.
    "admin:autocomplete": Route(named("admin:autocomplete"), **staff_only(403, 405)),
    "admin:jsi18n": Route(named("admin:jsi18n"), **staff_only(200, 405)),
    "admin:view_on_site": Route(
        named(
            "admin:view_on_site",
            lambda w: {
                "content_type_id": ContentType.objects.get_for_model(w.programme).pk,
                "object_id": w.programme.pk,
            },
        ),
        **staff_only(
            Redirect(lambda w: "http://testserver" + w.programme.get_absolute_url()),
            Redirect(lambda w: "http://testserver" + w.programme.get_absolute_url()),
        ),
    ),
    "admin:app_list": Route(
        named("admin:app_list", lambda w: {"app_label": "collider"}), **staff_only(200, 200)
    ),
    # The final catch-all: unknown admin paths are 404, but only after the login check.
    "admin:admin/(?P<url>.*)$": Route(lambda w: "/admin/no-such-page/", **staff_only(404, 404)),
}

# Every model in the admin, with the object its object URLs use. The admin gets each model's
# five views plus the bare-object redirect; exceptions follow the model admin's own rules.
ADMIN_MODELS: dict[str, Callable[[SimpleNamespace], object]] = {
    "auth/group": lambda w: w.group,
    "account/emailaddress": lambda w: w.unverified_email,
    "mfa/authenticator": lambda w: w.authenticator,
    "auditlog/logentry": lambda w: w.log_entry,
    "collider/user": lambda w: w.users["cci"],
    "collider/organisation": lambda w: w.organisation,
    "collider/programme": lambda w: w.programme,
    "collider/membership": lambda w: w.application,
    "collider/invitation": lambda w: w.invitation,
    "collider/event": lambda w: w.members_event,
    "collider/registration": lambda w: w.guest_registration,
    "collider/reminder": lambda w: w.reminder,
}

# Per view, what the admin gets (GET, empty POST): an empty POST re-shows a form with errors.
ADMIN_MODEL_VIEWS = {"changelist": (200, 200), "add": (200, 200), "history": (200, 200)}
ADMIN_MODEL_VIEWS |= {"delete": (200, 200), "change": (200, 200)}

# The audit log is read-only and the outbox is written by services only; programmes,
# memberships, invitations, events and registrations are read-only (collider.admin).
ADMIN_MODEL_EXCEPTIONS = {
    **read_only_admin(
        [
            "collider/programme",
            "collider/membership",
            "collider/invitation",
            "collider/event",
            "collider/registration",
        ]
    ),
    "auditlog/logentry:add": (403, 403),
    "auditlog/logentry:delete": (403, 403),
    "auditlog/logentry:change": (200, 403),
    "collider/reminder:add": (403, 403),
    # Every field of an outbox row is read-only, so an empty form is valid and "saves".
    "collider/reminder:change": (200, to("admin:collider_reminder_changelist")),
}


def _admin_object_url(label: str, view: str):
    def url(w) -> str:
        obj = ADMIN_MODELS[label](w)
        app, model = label.split("/")
        if view == "redirect":
            return f"/admin/{app}/{model}/{obj.pk}/"
        return reverse(f"admin:{app}_{model}_{view}", args=[obj.pk])

    return url


# Which model admin each admin route belongs to: the matrix checks one model admin per test.
ADMIN_ROUTE_MODELS: dict[str, str] = {}


def _admin_model_routes() -> dict[str, Route]:
    routes = {}
    for label in ADMIN_MODELS:
        app, model = label.split("/")
        for view, (get, post) in ADMIN_MODEL_VIEWS.items():
            get, post = ADMIN_MODEL_EXCEPTIONS.get(f"{label}:{view}", (get, post))
            if view in {"changelist", "add"}:
                url = named(f"admin:{app}_{model}_{view}")
            else:
                url = _admin_object_url(label, view)
            routes[f"admin:{app}_{model}_{view}"] = Route(url, **staff_only(get, post))
        # The bare object URL (an unnamed pattern) forwards to the change page.
        change = Redirect(_admin_object_url(label, "change"), label="change")
        routes[f"admin:admin/{label}/<path:object_id>/"] = Route(
            _admin_object_url(label, "redirect"), **staff_only(change, change)
        )
        ADMIN_ROUTE_MODELS.update(dict.fromkeys(routes.keys() - ADMIN_ROUTE_MODELS.keys(), label))
    routes["admin:auth_user_password_change"] = Route(
        lambda w: reverse("admin:auth_user_password_change", args=[w.users["cci"].pk]),
        **staff_only(200, 200),
    )
    ADMIN_ROUTE_MODELS["admin:auth_user_password_change"] = "collider/user"
    return routes


# --- Phase apps' declarations -----------------------------------------------------------------

PHASE_APPS = ("tandems", "outreach", "training", "challenges", "matchmaking", "followup")
# The core's pages declared outside this module (exports, the network view) use the same format.
DECLARING_APPS = ("collider", *PHASE_APPS)


def _app_access_modules() -> list:
    """Each app's ``tests/<app>/access.py`` (see tests/access.py for the format)."""
    modules = []
    for app in DECLARING_APPS:
        try:
            found = importlib.util.find_spec(f"tests.{app}.access") is not None
        except ModuleNotFoundError:  # the app has no tests package yet
            found = False
        if found:
            modules.append(importlib.import_module(f"tests.{app}.access"))
    return modules


APP_ACCESS = [module for module in _app_access_modules() if hasattr(module, "ROUTES")]
for _module in APP_ACCESS:
    ADMIN_MODELS.update(getattr(_module, "ADMIN_MODELS", {}))
    ADMIN_MODEL_EXCEPTIONS.update(getattr(_module, "ADMIN_MODEL_EXCEPTIONS", {}))
    VARIANT_ROUTES.update(getattr(_module, "VARIANT_ROUTES", {}))


ROUTES: dict[str, Route] = {
    **COLLIDER_ROUTES,
    **ALLAUTH_ROUTES,
    **ADMIN_SITE_ROUTES,
    **_admin_model_routes(),
}
for _module in APP_ACCESS:
    ROUTES.update(_module.ROUTES)


# --- Enumerating the URLconf ------------------------------------------------------------------


def _walk(patterns, namespace: str = "", prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        else:
            assert isinstance(entry, URLPattern)
            # Unnamed patterns (the admin's bare object URLs) are keyed by their route.
            name = entry.name or prefix + str(entry.pattern)
            yield f"{namespace}:{name}" if namespace else name


def enumerated_patterns() -> list[str]:
    keys = list(_walk(get_resolver().url_patterns))
    assert len(keys) == len(set(keys)), "two URL patterns share a key"
    return keys


PATTERNS = enumerated_patterns()
# Undeclared patterns fail once, in test_every_url_pattern_is_declared, not 16 times here.
CHECKED = [key for key in PATTERNS if key in ROUTES]
CASES = [
    (key, method, role)
    for key in [*CHECKED, *VARIANT_ROUTES]
    for method in METHODS
    for role in ROLES
]


def _group(key: str) -> str:
    """The test that checks ``key``: its URL pattern's (object variants included), or its model
    admin's for the admin's per-model pages."""
    base = key.rsplit("[", 1)[0] if key in VARIANT_ROUTES else key
    return f"admin:{ADMIN_ROUTE_MODELS[base]}" if base in ADMIN_ROUTE_MODELS else base


# One test per group checks every case of its keys: a test item per case spent more time in
# pytest's per-test setup than in the request.
GROUPS: dict[str, list[str]] = {}
for _key in [*CHECKED, *VARIANT_ROUTES]:
    GROUPS.setdefault(_group(_key), []).append(_key)


def test_every_url_pattern_is_declared():
    enumerated = set(PATTERNS)
    declared = set(ROUTES)

    undeclared = sorted(enumerated - declared)
    gone = sorted(declared - enumerated)

    report = [
        f"{len(undeclared)} URL pattern(s) without an access declaration:",
        *undeclared,
        f"{len(gone)} declaration(s) for patterns that no longer exist:",
        *gone,
    ]
    assert (undeclared, gone) == ([], []), "\n  ".join(report)


def test_matrix_size_is_reported(capsys):
    """Every pattern is checked for every role and method; the size is printed for the record."""
    checks = len(CHECKED) * len(ROLES) * len(METHODS)
    variants = len(VARIANT_ROUTES) * len(ROLES) * len(METHODS)
    with capsys.disabled():
        print(
            f"\naccess matrix: {len(CHECKED)} of {len(PATTERNS)} URL patterns declared; "
            f"{len(CHECKED)} × {len(ROLES)} roles × {len(METHODS)} methods = {checks} checks, "
            f"plus {variants} on {len(VARIANT_ROUTES)} object variants"
        )

    assert len(CASES) == checks + variants


# --- The world's objects ----------------------------------------------------------------------


def build_world() -> SimpleNamespace:
    programme = ProgrammeFactory()
    other_programme = ProgrammeFactory()
    users = {
        "anonymous": None,
        "cci": member(programme, Role.PARTICIPANT, Sector.CCI),
        "avm": member(programme, Role.PARTICIPANT, Sector.AVM),
        "expert": member(programme, Role.EXPERT),
        "facilitator": member(programme, Role.FACILITATOR),
        "partner": member(programme, Role.PARTNER),
        "other_partner": member(other_programme, Role.PARTNER),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }
    draft = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    MembershipFactory(programme=draft, user=users["partner"], role=Role.PARTNER, sector="")

    members_event = EventFactory(programme=programme)
    public_event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC)
    RegistrationFactory(event=members_event, user=users["cci"])
    guest_registration = RegistrationFactory(
        event=public_event, user=None, name="Guest", email="guest@example.org"
    )

    def invite(on, email):
        return Invitation.objects.create(
            programme=on,
            email=email,
            role=Role.EXPERT,
            invited_by=users["partner"],
            expires_at=timezone.now() + timedelta(days=14),
        )

    applicant = UserFactory()
    unverified_email = EmailAddress.objects.create(
        user=applicant, email="second@example.org", verified=False, primary=False
    )
    return SimpleNamespace(
        programme=programme,
        other_programme=other_programme,
        draft=draft,
        users=users,
        members_event=members_event,
        public_event=public_event,
        partner_meeting=EventFactory(
            programme=programme,
            kind=EventKind.PARTNER_MEETING,
            registration_mode=RegistrationMode.INVITE_ONLY,
        ),
        guest_registration=guest_registration,
        application=MembershipFactory(
            programme=programme, user=applicant, status=MembershipStatus.APPLIED
        ),
        invitation=invite(programme, "invitee@example.org"),
        foreign_event=EventFactory(programme=other_programme),
        foreign_application=MembershipFactory(
            programme=other_programme, status=MembershipStatus.APPLIED
        ),
        foreign_invitation=invite(other_programme, "invitee@example.org"),
        organisation=OrganisationFactory(),
        group=Group.objects.create(name="Reviewers"),
        authenticator=RecoveryCodes.activate(applicant).instance,
        log_entry=LogEntry.objects.get_for_object(programme).first(),
        reminder=Reminder.objects.create(
            email="someone@example.org",
            kind="test",
            due_at=timezone.now(),
            dedupe_key="access-matrix",
        ),
        unverified_email=unverified_email,
        email_confirmation_key=EmailConfirmationHMAC(unverified_email).key,
        reset_uidb36=user_pk_to_url_str(applicant),
        reset_key=default_token_generator.make_token(applicant),
    )


def _session_keys(users: dict) -> dict:
    """A logged-in session per role, made once: logging in per request would double the time."""
    keys = {}
    for role, user in users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def build_full_world() -> SimpleNamespace:
    """The core's objects, each app's (its ``build_world``) and a logged-in session per role."""
    world = build_world()
    for module in APP_ACCESS:
        if hasattr(module, "build_world"):
            module.build_world(world)
    world.sessions = _session_keys(world.users)
    world.visits = {}  # see visit()
    return world


# --- Requests ---------------------------------------------------------------------------------

# The tables a statement reads or writes.
TABLES = re.compile(r'\b(?:FROM|JOIN|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)
WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Answer:
    """What one request answered, kept without the response (whose context holds the page's
    objects): what the matrix checks, a 200 HTML page (compressed; the POST crawl reads its
    forms), the SQL writes it sent and the tables it touched (the safe-methods crawl checks
    them), or what it raised."""

    status_code: int = 0
    location: str = ""
    allow: str = ""
    has_content: bool = False
    page: bytes = b""
    writes: tuple[str, ...] = ()
    tables: frozenset[str] = frozenset()
    error: Exception | None = None

    def html(self) -> str:
        if self.error is not None:
            raise self.error
        return zlib.decompress(self.page).decode() if self.page else ""


class _Statements:
    """An execute wrapper that keeps every write statement and the name of every table."""

    def __init__(self) -> None:
        self.writes: list[str] = []
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip()[:6].upper() in WRITES:
            self.writes.append(sql)
        self.tables.update(TABLES.findall(sql))
        return execute(sql, params, many, context)


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def request(
    world, client: Client, method: str, path: str, role: str, then=None, language: str = ""
) -> Answer:
    """``method`` ``path`` as ``role`` (in ``language``, else the default) in a savepoint that
    is rolled back (its deferred constraints checked first, and ``then(answer)`` called: a
    redirect may name what the request created)."""
    statements = _Statements()
    try:
        with transaction.atomic():
            client.cookies = SimpleCookie()
            if role in world.sessions:
                client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
            if language:
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            with connection.execute_wrapper(statements):
                response = client.generic(method, path)
                body = _body(response)
            if connection.features.can_defer_constraint_checks:
                connection.check_constraints()
            page = response.status_code == 200 and "html" in response.get("Content-Type", "")
            answer = Answer(
                status_code=response.status_code,
                location=response.get("Location", ""),
                allow=response.get("Allow", ""),
                has_content=bool(body.strip()),
                page=zlib.compress(body, 1) if page and not response.streaming else b"",
                writes=tuple(statements.writes),
                tables=frozenset(statements.tables),
            )
            if then is not None:
                then(answer)
            transaction.set_rollback(True)
    except Exception as error:  # kept for the report of whichever test asks
        return Answer(error=error.with_traceback(None))
    return answer


def route_of(key: str) -> Route:
    return ROUTES.get(key) or VARIANT_ROUTES[key]


def visit(world, client: Client, path: str, role: str) -> Answer:
    """The GET of ``path`` as ``role``, made once per world and shared: the matrix checks its
    outcome, tests/test_safe_methods.py its writes, tests/test_post_routes.py reads the forms
    of its page."""
    if (path, role) not in world.visits:
        world.visits[path, role] = request(world, client, "GET", path, role)
    return world.visits[path, role]


# --- The matrix -------------------------------------------------------------------------------


def _check(answer: Answer, expected: Outcome, world, path: str) -> None:
    if answer.error is not None:
        raise answer.error
    got = f"got {answer.status_code} {answer.location}".rstrip()
    if isinstance(expected, LoginRedirect):
        location = urlsplit(answer.location)
        assert (answer.status_code, location.path) == (302, reverse(expected.url_name)), got
        assert parse_qs(location.query).get("next") == [path], got
    elif isinstance(expected, Redirect):
        target = expected.target(world)
        assert (answer.status_code, answer.location) == (302, target), got
    else:
        assert answer.status_code == expected, got
        if expected == 405:
            assert answer.allow, "a 405 names the allowed methods"
        else:
            assert answer.has_content, "the page has no content"


def _expected(expected: Outcome, world) -> str:
    return f"302 {expected.target(world)}" if isinstance(expected, Redirect) else str(expected)


def _failure(key: str, method: str, role: str, expected: str, error: Exception) -> str:
    # The first line: pytest's rewritten asserts append their own explanation below it.
    got = str(error).splitlines()[0] if isinstance(error, AssertionError) else f"raised {error!r}"
    return f"{key} · {role} · {method}: expected {expected}, {got}"


def check_route(world, client: Client, key: str, route: Route) -> tuple[int, list[str]]:
    """Request the route as every role by every method, each in a savepoint that is rolled back
    (the GETs through ``visit``, so once per world).

    Returns the number of checks and a line per failed one (what was expected, what came).
    """
    checks, failures = 0, []
    for method in METHODS:
        for role, expected in zip(ROLES, getattr(route, method), strict=True):
            checks += 1
            try:
                path = route.url(world)
                check = partial(_check, expected=expected, world=world, path=path)
                if method == "GET":  # a GET writes nothing (tests/test_safe_methods.py)
                    check(visit(world, client, path, role))
                else:  # checked before the rollback
                    answer = request(world, client, method, path, role, then=check)
                    if answer.error is not None:
                        raise answer.error
            except Exception as error:  # every failure of the group is reported at once
                failures.append(_failure(key, method, role, _expected(expected, world), error))
    return checks, failures


@pytest.mark.parametrize("group", list(GROUPS))
def test_access(world, db, group):
    """Every key of the group (a URL pattern with its object variants, or a model admin's pages)
    as every role by every method; all failures are listed in one message."""
    client = Client()
    checks, failures = 0, []
    for key in GROUPS[group]:
        done, failed = check_route(world, client, key, route_of(key))
        checks += done
        failures += failed

    assert not failures, f"{len(failures)} of {checks} checks failed:\n  " + "\n  ".join(failures)


def test_a_wrong_declaration_is_reported_with_role_method_and_both_outcomes(world, db):
    wrong = Route(
        named("home"), GET=row(200, 200, 404, 200, 200, 200, 200, 200), POST=everyone(405)
    )

    checks, failures = check_route(world, Client(), "home", wrong)

    assert (checks, failures) == (16, ["home · avm · GET: expected 404, got 200"])


def test_groups_cover_every_case_once():
    grouped = [key for keys in GROUPS.values() for key in keys]

    assert sorted(grouped) == sorted([*CHECKED, *VARIANT_ROUTES])
    assert "admin:collider/user" in GROUPS
    assert "admin:collider_user_change" in GROUPS["admin:collider/user"]
    assert "collider:event_detail[public]" in GROUPS["collider:event_detail"]


# --- Across programmes, spelt out -------------------------------------------------------------


def test_event_detail_of_members_only_event_is_404_for_other_programmes_partner(world, db, client):
    client.force_login(world.users["other_partner"])

    response = client.get(world.members_event.get_absolute_url())

    assert response.status_code == 404
    assert world.members_event.title.encode() not in response.content


def test_membership_approve_by_other_programmes_partner_is_403_and_changes_nothing(
    world, db, client
):
    client.force_login(world.users["other_partner"])
    url = reverse("collider:membership_approve", args=[world.programme.slug, world.application.pk])

    response = client.post(url, {"note": "Welcome"})

    assert response.status_code == 403
    application = Membership.objects.get(pk=world.application.pk)
    assert (application.status, application.decided_by, application.decision_note) == (
        MembershipStatus.APPLIED,
        None,
        "",
    )


def test_membership_decision_follows_next_only_on_this_site(world, db, client):
    client.force_login(world.users["partner"])
    second = MembershipFactory(programme=world.programme, status=MembershipStatus.APPLIED)
    manage = reverse("collider:programme_manage", args=[world.programme.slug])

    offsite = client.post(
        reverse("collider:membership_reject", args=[world.programme.slug, world.application.pk]),
        {"next": "https://evil.example/"},
    )
    onsite = client.post(
        reverse("collider:membership_approve", args=[world.programme.slug, second.pk]),
        {"next": manage + "?status=applied"},
    )

    assert (offsite["Location"], onsite["Location"]) == (manage, manage + "?status=applied")
