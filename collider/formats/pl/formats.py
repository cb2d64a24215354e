"""Collider's named date formats in this language (``|date_as:"NAME"``); the standard
formats stay Django's own for this language."""

WEEKDAY_DATETIME_FORMAT = "l, j E Y, H:i"
WEEKDAY_DATE_FORMAT = "l, j E Y"
LONG_DATETIME_FORMAT = "j E Y, H:i"
LONG_DATE_FORMAT = "j E Y"
LONG_MONTH_DAY_FORMAT = "j E"
SHORT_WEEKDAY_DATETIME_FORMAT = "D, j M Y, H:i"
WEEKDAY_DAY_TIME_FORMAT = "D, j M, H:i"
DAY_MONTH_TIME_FORMAT = "j M, H:i"
