from datetime import date, timedelta

from tandems.models import Task
from tandems.selectors import charter_diff, tandem_partners, timeline_build

from .factories import CharterVersionFactory, TandemPartnerFactory


def test_timeline_build_lays_tasks_on_weeks():
    monday = date(2026, 3, 2)
    tasks = [
        Task(title="A", starts_on=monday, due_on=monday + timedelta(days=6), status="todo"),
        Task(
            title="B",
            starts_on=monday + timedelta(days=8),
            due_on=monday + timedelta(days=20),
            status="done",
        ),
    ]

    result = timeline_build(tasks, today=monday + timedelta(days=30))

    assert result.weeks == [monday + timedelta(weeks=i) for i in range(3)]
    assert [(r["lead"], r["span"], r["trail"], r["overdue"]) for r in result.rows] == [
        (0, 1, 2, True),
        (1, 2, 0, False),
    ]


def test_timeline_build_without_tasks_is_empty():
    result = timeline_build([])

    assert (result.weeks, result.rows) == ([], [])


def test_charter_diff_only_changed_sections(programme):
    old = CharterVersionFactory(programme=programme, number=1, rules="A\nB")
    new = CharterVersionFactory(programme=programme, number=2, rules="A\nC")

    diff = charter_diff(old, new)

    assert [(s["name"], [(line["op"], line["text"]) for line in s["lines"]]) for s in diff] == [
        ("rules", [("same", "A"), ("removed", "B"), ("added", "C")])
    ]


def test_tandem_partners_are_the_programmes_own(programme, other_programme):
    own = TandemPartnerFactory(programme=programme)
    TandemPartnerFactory(programme=other_programme)
    assert list(tandem_partners(programme=programme)) == [own]
