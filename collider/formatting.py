"""Human wording for values people read: money, recurrence rules.

Numbers are grouped in the reader's locale ("18,000" in English, "18.000" in German) through
Django's localisation, never by hand; recurrence rules read "monthly, 6 times", not their
RFC 5545 text.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from importlib import import_module

from django.template.defaultfilters import date as date_filter
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, get_format_modules, number_format
from django.utils.text import get_text_list
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

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


def _nth_weekdays() -> dict[tuple[int, int], str]:
    """Whole phrases, not an ordinal plus a day: the ordinal agrees with the day's gender in
    many languages (Italian "la prima domenica", "il primo lunedì")."""
    return {
        (1, 0): _("the first Monday"), (1, 1): _("the first Tuesday"),
        (1, 2): _("the first Wednesday"), (1, 3): _("the first Thursday"),
        (1, 4): _("the first Friday"), (1, 5): _("the first Saturday"),
        (1, 6): _("the first Sunday"),
        (2, 0): _("the second Monday"), (2, 1): _("the second Tuesday"),
        (2, 2): _("the second Wednesday"), (2, 3): _("the second Thursday"),
        (2, 4): _("the second Friday"), (2, 5): _("the second Saturday"),
        (2, 6): _("the second Sunday"),
        (3, 0): _("the third Monday"), (3, 1): _("the third Tuesday"),
        (3, 2): _("the third Wednesday"), (3, 3): _("the third Thursday"),
        (3, 4): _("the third Friday"), (3, 5): _("the third Saturday"),
        (3, 6): _("the third Sunday"),
        (4, 0): _("the fourth Monday"), (4, 1): _("the fourth Tuesday"),
        (4, 2): _("the fourth Wednesday"), (4, 3): _("the fourth Thursday"),
        (4, 4): _("the fourth Friday"), (4, 5): _("the fourth Saturday"),
        (4, 6): _("the fourth Sunday"),
        (-1, 0): _("the last Monday"), (-1, 1): _("the last Tuesday"),
        (-1, 2): _("the last Wednesday"), (-1, 3): _("the last Thursday"),
        (-1, 4): _("the last Friday"), (-1, 5): _("the last Saturday"),
        (-1, 6): _("the last Sunday"),
    }  # fmt: skip


def _day(code: str) -> str:
    """``MO`` → "Monday", ``2TU`` → "the second Tuesday", ``-1FR`` → "the last Friday"."""
    index = _DAY_CODES.index(code[-2:])
    if len(code) > 2:
        phrase = _nth_weekdays().get((int(code[:-2]), index))
        if phrase is None:  # e.g. the 5th: rare, and RFC-valid; say it technically
            return f"{code[:-2]} {WEEKDAYS[index]}"
        return phrase
    return str(WEEKDAYS[index])


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


def named_format(name: str) -> str:
    """Our named date format ``name`` in the active language (collider/formats/<lang>/)."""
    for module in get_format_modules(get_language()):
        pattern = getattr(module, name, None)
        if pattern is not None:
            return pattern
    # English defines every name; a language without one reads English's day order.
    english = import_module("collider.formats.en.formats")
    return getattr(english, name)


def date_as(value, name: str) -> str:
    if value in (None, ""):
        return ""
    return date_filter(value, named_format(name))
