"""Collider's named date formats in this language (``|date_as:"NAME"``); the standard
formats stay Django's own for this language."""

WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"
WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_DATETIME_FORMAT = "j F Y, H:i"
LONG_DATE_FORMAT = "j F Y"
LONG_MONTH_DAY_FORMAT = "j F"
SHORT_WEEKDAY_DATETIME_FORMAT = "D j M Y, H:i"
WEEKDAY_DAY_TIME_FORMAT = "D j M, H:i"
DAY_MONTH_TIME_FORMAT = "j M, H:i"
