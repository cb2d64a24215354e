"""Writes of the tasks and their reminders."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collider import services as core
from collider.models import Programme, User
from collider.rules import require
from collider.versioning import ensure_current

from .. import selectors
from ..enums import TaskStatus
from ..models import (
    Task,
)

#: Task reminders to the assignee, before the due date (at 09:00 programme time).
TASK_REMINDER_DAYS = (3, 1)
# --- Tasks ------------------------------------------------------------------------------------


def _task_validate(task: Task) -> None:
    programme = task.programme
    if task.owner.programme_id != programme.pk:
        raise ValidationError({"owner": _("Choose a partner of this tandem.")})
    if (
        task.assignee_id
        and not selectors.partner_staff_users(programme=programme)
        .filter(pk=task.assignee_id)
        .exists()
    ):
        raise ValidationError({"assignee": _("Assign the task to a partner member.")})
    seen = {task.pk}
    dependency = task.depends_on
    while dependency is not None:
        if dependency.programme_id != programme.pk:
            raise ValidationError({"depends_on": _("Choose a task of this programme.")})
        if dependency.pk in seen:
            raise ValidationError({"depends_on": _("A task cannot depend on itself.")})
        seen.add(dependency.pk)
        dependency = dependency.depends_on
    if task.depends_on and task.starts_on < task.depends_on.starts_on:
        raise ValidationError(
            {"starts_on": _("It cannot start before the task it depends on starts.")}
        )


def _task_reminders_schedule(task: Task) -> None:
    """Remind the assignee before the due date; done tasks and past times get none."""
    core.reminders_cancel_for(target=task, kinds=["tandems_task_due"])
    if task.status == TaskStatus.DONE or task.assignee is None:
        return
    tz = ZoneInfo(task.programme.timezone)
    now = timezone.now()
    for days in TASK_REMINDER_DAYS:
        due = datetime.combine(task.due_on - timedelta(days=days), time(9, 0), tzinfo=tz)
        if due <= now:
            continue
        core.reminder_schedule(
            kind="tandems_task_due",
            email=task.assignee.email,
            recipient=task.assignee,
            programme=task.programme,
            due_at=due,
            dedupe_key=f"tandems-task:{task.pk}:{task.assignee_id}:{task.due_on}:{days}",
            target=task,
            context={"days": days},
        )


@transaction.atomic
def task_create(*, actor: User, programme: Programme, **fields) -> Task:
    """Create a task. Side effects: reminders to the assignee before the due date."""
    require(actor, "tandems.manage_tandem", programme)
    task = Task(programme=programme, **fields)
    task.full_clean()
    _task_validate(task)
    with set_actor(actor):
        task.save()
    _task_reminders_schedule(task)
    return task


@transaction.atomic
def task_update(*, actor: User, task: Task, based_on: str | None = None, **fields) -> Task:
    """Change a task; a new due date, assignee or status re-times its reminders. A change
    based on an older version (``based_on``) is refused (StaleEdit)."""
    require(actor, "tandems.manage_tandem", task.programme)
    task = Task.objects.select_for_update().select_related("programme").get(pk=task.pk)
    ensure_current(
        task, based_on, url=reverse("tandems:task_edit", args=[task.programme.slug, task.pk])
    )
    for name, value in fields.items():
        setattr(task, name, value)
    task.full_clean()
    _task_validate(task)
    with set_actor(actor):
        task.save()
    _task_reminders_schedule(task)
    return task
