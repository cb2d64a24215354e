"""Small helpers every app's views share."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _

PAGE_SIZE = 25


def paginate(request: HttpRequest, items, size: int = PAGE_SIZE) -> Page:
    """The requested page of ``items``; out-of-range or junk page numbers give a valid page."""
    return Paginator(items, size).get_page(request.GET.get("page"))


def error_text(error: ValidationError | PermissionDenied) -> str:
    """A refusal from a service as one sentence for a message or a form error."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You are not allowed to do this.")
