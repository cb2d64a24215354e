"""English as our European readers write it: "5 Dec 2026, 14:00", not "Dec. 5, 2026, 2 p.m.".

Django's own ``en`` formats are American; every other language keeps Django's formats. Used by
``|date:"DATE_FORMAT"`` and friends in pages, PDFs and e-mails.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# Named formats of ours (``|date_as:"NAME"``), one per wording the pages use; every offered
# language defines them in collider/formats/<lang>/formats.py.
WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"
WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_DATETIME_FORMAT = "j F Y, H:i"
LONG_DATE_FORMAT = "j F Y"
LONG_MONTH_DAY_FORMAT = "j F"
SHORT_WEEKDAY_DATETIME_FORMAT = "D j M Y, H:i"
WEEKDAY_DAY_TIME_FORMAT = "D j M, H:i"
DAY_MONTH_TIME_FORMAT = "j M, H:i"
