"""Logging filters named in ``LOGGING`` (collider/settings/base.py)."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """Keep ``django.request``'s one line for a 4xx but drop its traceback.

    Django logs every PermissionDenied with the exception attached, so each 403 printed a
    traceback that says nothing an operator needs: the line names the status and the path.
    Server errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
