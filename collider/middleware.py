"""Request guards that apply to every view."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

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
