"""Request guards that apply to every view."""

from django.shortcuts import render
from django.utils.translation import gettext as _

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
