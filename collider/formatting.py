"""Human wording for values people read: money, recurrence rules.

Numbers are grouped in the reader's locale ("18,000" in English, "18.000" in German) through
Django's localisation, never by hand; recurrence rules read "monthly, 6 times", not their
RFC 5545 text.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

_DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def money(value, currency: str = "EUR") -> str:
    """``18000`` → "€18,000" (whole amounts without decimals, others with two)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    places = 0 if amount == amount.to_integral_value() else 2
    text = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    if currency == "EUR":
        # Translators: a sum of money in euros; put the sign where your language writes it.
        return _("€%(amount)s") % {"amount": text}
    return f"{text} {currency}"


def _ordinal(n: int) -> str:
    words = {
        1: pgettext("nth weekday", "first"),
        2: pgettext("nth weekday", "second"),
        3: pgettext("nth weekday", "third"),
        4: pgettext("nth weekday", "fourth"),
        -1: pgettext("nth weekday", "last"),
    }
    return words.get(n, str(n))


def _day(code: str) -> str:
    """``MO`` → "Monday", ``2TU`` → "the second Tuesday", ``-1FR`` → "the last Friday"."""
    name = str(WEEKDAYS[_DAY_CODES.index(code[-2:])])
    if len(code) > 2:
        return _("the %(nth)s %(day)s") % {"nth": _ordinal(int(code[:-2])), "day": name}
    return name


def recurrence(rule: str) -> str:
    """An RFC 5545 rule in words: ``FREQ=MONTHLY;COUNT=6`` → "monthly, 6 times"; the rule
    itself when it uses parts this does not describe (it is still valid, just technical)."""
    try:
        parts = dict(item.split("=", 1) for item in rule.upper().removeprefix("RRULE:").split(";"))
        interval = int(parts.pop("INTERVAL", "1"))
        freq = parts.pop("FREQ")
        every = {
            "DAILY": (_("daily"), ngettext("every %(n)d day", "every %(n)d days", interval)),
            "WEEKLY": (_("weekly"), ngettext("every %(n)d week", "every %(n)d weeks", interval)),
            "MONTHLY": (
                _("monthly"),
                ngettext("every %(n)d month", "every %(n)d months", interval),
            ),
            "YEARLY": (_("yearly"), ngettext("every %(n)d year", "every %(n)d years", interval)),
        }[freq]
        words = [every[0] if interval == 1 else every[1] % {"n": interval}]
        if "BYDAY" in parts:
            days = [_day(code) for code in parts.pop("BYDAY").split(",")]
            words[0] += " " + _("on %(days)s") % {"days": get_text_list(days, _("and"))}
        if "BYMONTHDAY" in parts:
            words[0] += " " + _("on day %(day)s") % {"day": parts.pop("BYMONTHDAY")}
        if "COUNT" in parts:
            count = int(parts.pop("COUNT"))
            words.append(ngettext("%(n)d time", "%(n)d times", count) % {"n": count})
        if "UNTIL" in parts:
            until = datetime.strptime(parts.pop("UNTIL")[:8], "%Y%m%d").date()
            words.append(_("until %(date)s") % {"date": date_format(until, "DATE_FORMAT")})
        parts.pop("WKST", None)
        if parts:
            return rule
    except (KeyError, ValueError, IndexError):
        return rule
    return ", ".join(words)
