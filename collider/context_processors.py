from django.conf import settings
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject

from . import pagecache


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "SOURCE_CODE_URL": settings.SOURCE_CODE_URL,
        "DEBUG": settings.DEBUG,
    }


def csrf(request):
    """Django's own ``csrf_token`` (which this replaces), except in a page being kept by
    ``collider.pagecache``: there the token is a slot, filled in per request."""

    def token():
        if pagecache.is_recording(request):
            return pagecache.CSRF_SLOT
        return get_token(request)

    return {"csrf_token": SimpleLazyObject(token)}
