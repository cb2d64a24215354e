"""The tandem's steps on a partner's dashboard, worded with proper plurals."""

from datetime import timedelta

from django.utils import timezone

from collider.rules import roles_in
from tandems.next_steps import next_steps

from .factories import TaskFactory


def _overdue(owner, count):
    for _ in range(count):
        TaskFactory(
            owner=owner,
            assignee=owner.person,
            starts_on=timezone.localdate() - timedelta(days=9),
            due_on=timezone.localdate() - timedelta(days=2),
        )


def _titles(user, programme):
    return [
        step.title
        for step in next_steps(user=user, programme=programme, roles=roles_in(user, programme))
    ]


def test_one_overdue_task_is_singular(programme, tandem):
    hub, _cluster = tandem
    _overdue(hub, 1)

    assert "1 overdue task" in _titles(hub.person, programme)


def test_several_overdue_tasks_are_plural(programme, tandem):
    hub, _cluster = tandem
    _overdue(hub, 3)

    assert "3 overdue tasks" in _titles(hub.person, programme)
