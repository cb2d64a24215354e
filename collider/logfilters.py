"""Logging filters named in ``LOGGING`` (collider/settings/base.py)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """Keep Django's one line for a 4xx answer but drop its traceback.

    Django logs every PermissionDenied (``django.request``) and every request for a host not
    served (``django.security.DisallowedHost``) with the exception attached, so each 403 or 400
    printed a traceback that says nothing an operator needs: the line names the status and the
    path or host. Records without a status and server errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
