"""Collider's named date formats in this language (``|date_as:"NAME"``); the standard
formats stay Django's own for this language."""

WEEKDAY_DATETIME_FORMAT = "Y. F j., l, H:i"
WEEKDAY_DATE_FORMAT = "Y. F j., l"
LONG_DATETIME_FORMAT = "Y. F j., H:i"
LONG_DATE_FORMAT = "Y. F j."
LONG_MONTH_DAY_FORMAT = "F j."
SHORT_WEEKDAY_DATETIME_FORMAT = "Y. M j., D, H:i"
WEEKDAY_DAY_TIME_FORMAT = "M j., D, H:i"
DAY_MONTH_TIME_FORMAT = "M j., H:i"
