"""Overlapping outbox sweeps against a slow SMTP server deliver every row exactly once.

A sweep that runs longer than ``OUTBOX_CLAIM_TIMEOUT_SECONDS`` must not make the row it is still
sending look abandoned to the next sweep: each claim is stamped with the moment it was made.
Real threads need real row locks and concurrent writers, so this runs on PostgreSQL only.
"""

import asyncio
import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from collider import services
from collider.enums import ReminderState
from collider.models import Reminder
from tests.collider.test_worker import SmtpSink, free_port
from tests.factories import ReminderFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent sweeps need PostgreSQL"
    ),
]

REMINDERS = 20
SMTP_DELAY = 0.2
CLAIM_TIMEOUT = 1
SWEEP_STARTS = (0.0, 1.3, 2.6)


class SlowSmtpSink(SmtpSink):
    """Accepts every message after ``SMTP_DELAY`` seconds, like a loaded mail relay."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(SMTP_DELAY)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp(settings):
    handler = SlowSmtpSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


def run_sweep_after(delay: float, errors: list) -> None:
    time.sleep(delay)
    try:
        services.reminder_sweep()
    except Exception as error:  # reported by the test, not lost in the thread
        errors.append(error)
    finally:
        connection.close()


def test_overlapping_sweeps_with_slow_smtp_send_each_reminder_once(slow_smtp, settings):
    settings.OUTBOX_CLAIM_TIMEOUT_SECONDS = CLAIM_TIMEOUT
    due = timezone.now() - timedelta(minutes=1)
    reminders = [ReminderFactory(due_at=due) for _ in range(REMINDERS)]
    errors = []

    threads = [
        threading.Thread(target=run_sweep_after, args=(start, errors)) for start in SWEEP_STARTS
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    deliveries = Counter(tuple(recipients) for recipients, _ in slow_smtp.messages)
    assert errors == []
    assert sorted(deliveries.values()) == [1] * REMINDERS
    assert sorted(deliveries) == sorted((r.email,) for r in reminders)
    assert set(Reminder.objects.values_list("state", flat=True)) == {ReminderState.SENT}
