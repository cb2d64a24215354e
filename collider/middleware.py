"""Request guards that apply to every view, and the signed-in user of each request."""

import copy

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import (
    AuthenticationMiddleware as DjangoAuthenticationMiddleware,
)
from django.shortcuts import render
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from . import cached
from .languages import is_offered

NUL = "\x00"


def _has_nul(query) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in query.lists())


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL byte in the path, the query string or a posted form field.

    No URL, search term or form value of ours may contain one, and PostgreSQL refuses NUL in
    text: without this guard, a ``%00`` in a token or filter reached the database and answered
    500. Uploaded file contents are not form fields and are not inspected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            NUL in request.path_info
            or _has_nul(request.GET)
            or (request.method == "POST" and _has_nul(request.POST))
        ):
            message = _("The address or the form contained an invalid character (NUL).")
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


class AccountLanguageMiddleware:
    """Pages in the language a signed-in person chose on their account.

    Runs after authentication; ``LocaleMiddleware`` has already picked the language cookie or
    the browser's preference. A person whose browser has no language cookie (a new device, or
    just signed in) gets their account's language instead of the browser's guess.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            user = request.user
            if user.is_authenticated and is_offered(user.language):
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class _SignedInUsers:
    """The users this process loaded for their sessions lately, each with the generation of the
    users table it was read under (:mod:`collider.cached`: any write to the table, in any
    process, starts a new one). A request whose session names a kept user, verified by the
    session's hash of the password as Django verifies it, gets a copy without a query;
    anything else — no session, another generation, a hash that does not match — goes to
    Django's own ``auth.get_user`` (which also flushes a session whose password changed)."""

    def __init__(self, size: int):
        self._users = cached.Recent(limit=size)

    def get(self, request):
        if not settings.PAGE_CACHE:  # needs the shared cache, as kept pages do
            return auth.get_user(request)
        session = request.session
        try:
            key = (str(session[auth.SESSION_KEY]), session[auth.BACKEND_SESSION_KEY])
        except KeyError:
            return auth.get_user(request)
        # Read before the row: a write meanwhile leaves the kept user under an old generation.
        current = cached.generation(cached.table_scope(auth.get_user_model()._meta.db_table))
        kept = self._users.get(key)
        if kept is not None and kept[0] == current:
            user = kept[1]
            session_hash = session.get(auth.HASH_SESSION_KEY)
            if session_hash and constant_time_compare(session_hash, user.get_session_auth_hash()):
                return copy.copy(user)
        user = auth.get_user(request)
        if user.is_authenticated and str(user.pk) == key[0]:
            self._users.put(key, (current, copy.copy(user)))
        return user

    def clear(self) -> None:
        self._users.clear()


signed_in_users = _SignedInUsers(size=2000)


def _user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_users.get(request)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with the signed-in user loaded without a query while the users table is
    unchanged (:class:`_SignedInUsers`): a logged-in page kept whole is then served with none.
    Only with ``PAGE_CACHE`` (on with a shared ``CACHE_URL``): a process-local cache would not
    hear of another process deactivating a user."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))
