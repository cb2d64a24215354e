"""Human wording of values: recurrence rules in words, money in the reader's locale."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from collider.formatting import date_as, money, recurrence


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;COUNT=6", "monthly, 6 times"),
        ("FREQ=WEEKLY;COUNT=1", "weekly, 1 time"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "every 2 weeks on Monday and Thursday"),
        ("FREQ=MONTHLY;BYDAY=1TU;COUNT=10", "monthly on the first Tuesday, 10 times"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "monthly on the last Friday"),
        ("FREQ=DAILY;UNTIL=20270630T000000Z", "daily, until 30 Jun 2027"),
        ("RRULE:FREQ=YEARLY;INTERVAL=1", "yearly"),
    ],
)
def test_recurrence_reads_as_words(rule, words):
    assert recurrence(rule) == words


@pytest.mark.parametrize("rule", ["FREQ=HOURLY", "FREQ=MONTHLY;BYSETPOS=2", "not a rule", ""])
def test_recurrence_keeps_a_rule_it_cannot_describe(rule):
    assert recurrence(rule) == rule


def test_money_groups_thousands_and_drops_zero_cents():
    assert [money(18000), money("18000.00"), money("1234.5"), money(None)] == [
        "€18,000",
        "€18,000",
        "€1,234.50",
        "",
    ]


def test_money_groups_in_the_readers_language():
    with translation.override("de"):
        assert money(1234567) == "1.234.567 €"


def test_template_filters_render_money_and_recurrence():
    template = Template("{% load collider_format %}{{ budget|money }} · {{ rule|recurrence }}")

    rendered = template.render(Context({"budget": 25000, "rule": "FREQ=MONTHLY;COUNT=6"}))

    assert rendered == "€25,000 · monthly, 6 times"


def test_dates_use_one_european_style_in_english():
    template = Template('{{ day|date:"DATE_FORMAT" }} · {{ moment|date:"DATETIME_FORMAT" }}')
    from datetime import date, datetime

    rendered = template.render(
        Context({"day": date(2026, 12, 5), "moment": datetime(2026, 12, 5, 14, 0)})
    )

    assert rendered == "5 Dec 2026 · 5 Dec 2026, 14:00"


def test_named_date_formats_follow_the_readers_language():
    moment = datetime(2026, 12, 14, 18, 30, tzinfo=ZoneInfo("Europe/Vienna"))
    expected = {
        "en": "Monday 14 December 2026, 18:30",
        "de": "Montag, 14. Dezember 2026, 18:30",
        "sl": "ponedeljek, 14. december 2026, 18:30",
        "hu": "2026. december 14., hétfő, 18:30",
    }
    for language, text in expected.items():
        with translation.override(language), timezone.override("Europe/Vienna"):
            assert date_as(moment, "WEEKDAY_DATETIME_FORMAT") == text
    # Every offered language defines every name English defines.
    with translation.override("pl"), timezone.override("Europe/Vienna"):
        assert date_as(moment, "LONG_DATE_FORMAT") == "14 grudnia 2026"
