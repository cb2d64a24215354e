"""English as our readers in Europe write it: day before month, 24-hour clock.

Django's own ``en`` formats are American (``12/05/2026 7:53 a.m.``); every other language keeps
Django's formats. Used by ``|date:"DATE_FORMAT"`` and friends in pages, PDFs and e-mails.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
