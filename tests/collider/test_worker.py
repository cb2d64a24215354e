"""End to end through a real Celery worker and a real SMTP server.

The worker runs in a thread on the configured broker: Redis in CI, kombu's filesystem transport
locally (in a private folder, so a developer's own worker cannot take the test's tasks). The
SMTP server is an aiosmtpd sink on a free local port.
"""

import socket
import time
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from django.db import transaction
from django.utils import timezone

from collider import services
from collider.celery import app
from collider.enums import ReminderState
from collider.models import Reminder
from collider.tasks import reminder_sweep_task
from tests.factories import EventFactory, ReminderFactory, member

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DELIVERY_TIMEOUT = 20


class SmtpSink:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"

    @property
    def messages(self) -> list[tuple[list[str], str]]:
        """(recipients, decoded subject) of every message received."""
        received = []
        for envelope in self.envelopes:
            message = message_from_bytes(envelope.content)
            received.append(
                (envelope.rcpt_tos, str(make_header(decode_header(message["Subject"]))))
            )
        return received


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float = DELIVERY_TIMEOUT):
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"Nothing delivered within {timeout} s")


@pytest.fixture
def smtp_sink(settings):
    handler = SmtpSink()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


@pytest.fixture
def celery_worker(settings, celery_conf, smtp_sink, tmp_path):
    """A real worker thread consuming from the configured broker, tasks no longer eager."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    overrides = {"task_always_eager": False}
    if app.conf.broker_url.startswith("filesystem"):
        queue, processed = tmp_path / "queue", tmp_path / "processed"
        queue.mkdir()
        processed.mkdir()
        overrides["broker_transport_options"] = {
            **app.conf.broker_transport_options,
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "processed_folder": str(processed),
        }
    celery_conf(**overrides)
    # Tasks a previous run left on a shared broker (Redis) must not run against this database.
    app.control.purge()
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30
    ) as worker:
        yield worker


def test_worker_sends_a_registration_confirmation_over_smtp(celery_worker, smtp_sink):
    event = EventFactory(title="Pitch training")
    person = member(event.programme)

    with transaction.atomic():
        registration = services.registration_create(event=event, user=person)

    received = wait_for(lambda: smtp_sink.messages)
    confirmation = wait_for(
        lambda: Reminder.objects.filter(
            kind="registration_confirmed", target_id=registration.pk, state=ReminderState.SENT
        ).first()
    )
    assert received == [([person.email], "[Collider] You are registered: Pitch training")]
    assert (confirmation.attempts, confirmation.last_error) == (1, "")
    # The reminders one day and one hour before stay in the outbox until they are due.
    assert sorted(
        Reminder.objects.filter(kind="event_reminder").values_list("state", flat=True)
    ) == [ReminderState.PENDING, ReminderState.PENDING]


def test_worker_sweep_task_sends_overdue_reminders(celery_worker, smtp_sink):
    overdue = ReminderFactory(due_at=timezone.now() - timedelta(minutes=5))
    title = overdue.target.event.title

    reminder_sweep_task.delay()

    received = wait_for(lambda: smtp_sink.messages)
    sent = wait_for(
        lambda: Reminder.objects.filter(pk=overdue.pk, state=ReminderState.SENT).first()
    )
    assert received == [([overdue.email], f"[Collider] Reminder: {title}")]
    assert sent.sent_at is not None
