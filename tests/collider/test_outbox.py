"""The outbox (``Reminder`` rows): idempotent scheduling, claim-once delivery, retries, sweeps."""

import smtplib
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from collider import services
from collider.enums import EventStatus, RegistrationStatus, ReminderState, Role
from collider.models import Registration, Reminder
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    ReminderFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


class FlakyBackend(LocmemBackend):
    """Drops the SMTP connection for the first ``failures`` messages, then delivers."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.collider.test_outbox.FlakyBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.OUTBOX_RETRY_BASE_SECONDS = 60

    def fail(times: int) -> None:
        FlakyBackend.failures = times

    yield fail
    FlakyBackend.failures = 0


def schedule_reminder(registration, *, due_at, key="reminder:test"):
    return services.reminder_schedule(
        kind="event_reminder",
        email=registration.email,
        recipient=registration.user,
        programme=registration.event.programme,
        due_at=due_at,
        dedupe_key=key,
        target=registration,
        context={"offset_seconds": 3600},
    )


# --- Scheduling ----------------------------------------------------------------------------


def test_reminder_schedule_twice_with_one_key_keeps_one_row_and_sends_once(
    django_capture_on_commit_callbacks,
):
    registration = RegistrationFactory()
    due = timezone.now() - timedelta(minutes=1)

    with django_capture_on_commit_callbacks(execute=True):
        first = schedule_reminder(registration, due_at=due)
    with django_capture_on_commit_callbacks(execute=True):
        second = schedule_reminder(registration, due_at=due)

    first.refresh_from_db()
    assert second.pk == first.pk
    assert Reminder.objects.count() == 1
    assert (first.state, first.attempts) == (ReminderState.SENT, 1)
    assert [message.subject for message in mail.outbox] == [
        f"[Collider] Reminder: {registration.event.title}"
    ]


def test_reminder_schedule_again_rearms_a_pending_row_with_the_new_time():
    registration = RegistrationFactory()
    schedule_reminder(registration, due_at=timezone.now() + timedelta(days=2))
    later = timezone.now() + timedelta(days=3)

    reminder = schedule_reminder(registration, due_at=later)

    reminder.refresh_from_db()
    assert (reminder.state, reminder.due_at) == (ReminderState.PENDING, later)
    assert Reminder.objects.count() == 1


def test_reminder_schedule_again_rearms_a_cancelled_row():
    registration = RegistrationFactory()
    reminder = schedule_reminder(registration, due_at=timezone.now() + timedelta(days=2))
    services.reminders_cancel_for(target=registration)

    again = schedule_reminder(registration, due_at=timezone.now() + timedelta(days=2))

    assert (again.pk, again.state) == (reminder.pk, ReminderState.PENDING)


def test_reminder_schedule_in_the_future_is_not_sent_yet(django_capture_on_commit_callbacks):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reminder = schedule_reminder(registration, due_at=timezone.now() + timedelta(hours=2))

    reminder.refresh_from_db()
    assert (reminder.state, len(callbacks), mail.outbox) == (ReminderState.PENDING, 0, [])


# --- Delivery ------------------------------------------------------------------------------


def test_reminder_deliver_twice_for_one_row_sends_once():
    reminder = ReminderFactory()

    first = services.reminder_deliver(reminder_id=reminder.pk)
    second = services.reminder_deliver(reminder_id=reminder.pk)

    reminder.refresh_from_db()
    assert (first, second) == (ReminderState.SENT, None)
    assert (reminder.state, reminder.attempts) == (ReminderState.SENT, 1)
    assert reminder.sent_at is not None
    assert len(mail.outbox) == 1


def test_reminder_deliver_before_due_time_leaves_row_pending():
    reminder = ReminderFactory(due_at=timezone.now() + timedelta(hours=1))

    state = services.reminder_deliver(reminder_id=reminder.pk)

    reminder.refresh_from_db()
    assert (state, reminder.state, reminder.attempts) == (None, ReminderState.PENDING, 0)
    assert mail.outbox == []


def test_reminder_deliver_cancels_a_reminder_whose_registration_was_cancelled():
    registration = RegistrationFactory(status=RegistrationStatus.CANCELLED)
    reminder = ReminderFactory(registration=registration)

    state = services.reminder_deliver(reminder_id=reminder.pk)

    reminder.refresh_from_db()
    assert (state, reminder.state) == (ReminderState.CANCELLED, ReminderState.CANCELLED)
    assert mail.outbox == []


def test_reminder_deliver_renders_the_current_event_time_and_attaches_ics():
    registration = RegistrationFactory()
    reminder = ReminderFactory(registration=registration)

    services.reminder_deliver(reminder_id=reminder.pk)

    (message,) = mail.outbox
    assert message.to == [registration.email]
    assert message.subject == f"[Collider] Reminder: {registration.event.title}"
    assert [name for name, _content, _mimetype in message.attachments] == [
        f"event-{registration.event.pk}.ics"
    ]


# --- Sweeps --------------------------------------------------------------------------------


def test_reminder_sweep_sends_due_rows_and_leaves_future_ones():
    due = [ReminderFactory(), ReminderFactory()]
    future = ReminderFactory(due_at=timezone.now() + timedelta(hours=1))

    result = services.reminder_sweep()

    states = dict(Reminder.objects.values_list("pk", "state"))
    assert (result.sent, result.retried, result.failed) == (2, 0, 0)
    assert states == {
        due[0].pk: ReminderState.SENT,
        due[1].pk: ReminderState.SENT,
        future.pk: ReminderState.PENDING,
    }
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in due)


def test_reminder_sweep_twice_sends_each_message_once():
    ReminderFactory()

    first = services.reminder_sweep()
    second = services.reminder_sweep()

    assert (first.sent, second.sent) == (1, 0)
    assert len(mail.outbox) == 1


def test_reminder_sweep_releases_rows_of_a_worker_that_died_mid_send(settings):
    now = timezone.now()
    claimed_long_ago = now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS + 1)
    stuck = ReminderFactory(
        state=ReminderState.SENDING,
        attempts=1,
        due_at=claimed_long_ago,
        claimed_at=claimed_long_ago,
    )
    busy = ReminderFactory(state=ReminderState.SENDING, attempts=1, due_at=now, claimed_at=now)

    result = services.reminder_sweep(now=now)

    states = dict(Reminder.objects.values_list("pk", "state"))
    assert (result.released, result.sent) == (1, 1)
    assert states == {stuck.pk: ReminderState.SENT, busy.pk: ReminderState.SENDING}


@pytest.mark.django_db(transaction=True)
def test_reminder_sweep_running_twice_at_once_sends_each_message_once():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite allows one writer at a time, so two sweeps cannot overlap; the claim by "
            "conditional UPDATE is raced on PostgreSQL."
        )
    reminders = ReminderFactory.create_batch(20)
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep() -> None:
        try:
            start.wait(timeout=10)
            results.append(services.reminder_sweep())
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(result.sent for result in results) == 20
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in reminders)
    assert set(Reminder.objects.values_list("state", "attempts")) == {(ReminderState.SENT, 1)}


# --- Transient SMTP errors -----------------------------------------------------------------


def test_reminder_deliver_backs_off_after_transient_smtp_errors(flaky_smtp):
    flaky_smtp(2)
    reminder = ReminderFactory()
    start = timezone.now()

    first = services.reminder_deliver(reminder_id=reminder.pk, now=start)
    reminder.refresh_from_db()
    after_first = (first, reminder.state, reminder.attempts, reminder.due_at)
    second = services.reminder_deliver(reminder_id=reminder.pk, now=reminder.due_at)
    reminder.refresh_from_db()
    after_second = (second, reminder.state, reminder.attempts, reminder.due_at)
    third = services.reminder_deliver(reminder_id=reminder.pk, now=reminder.due_at)
    reminder.refresh_from_db()

    retry_1 = start + timedelta(seconds=60)
    retry_2 = retry_1 + timedelta(seconds=120)
    assert after_first == (ReminderState.PENDING, ReminderState.PENDING, 1, retry_1)
    assert after_second == (ReminderState.PENDING, ReminderState.PENDING, 2, retry_2)
    assert (third, reminder.state, reminder.attempts, reminder.last_error) == (
        ReminderState.SENT,
        ReminderState.SENT,
        3,
        "",
    )
    assert len(mail.outbox) == 1


def test_reminder_deliver_is_not_retried_before_its_back_off(flaky_smtp):
    flaky_smtp(1)
    reminder = ReminderFactory()
    start = timezone.now()
    services.reminder_deliver(reminder_id=reminder.pk, now=start)

    early = services.reminder_deliver(reminder_id=reminder.pk, now=start + timedelta(seconds=59))

    reminder.refresh_from_db()
    assert (early, reminder.attempts) == (None, 1)


@pytest.mark.rendered
def test_reminder_sweep_gives_up_after_max_attempts_and_admin_lists_it(flaky_smtp, client):
    flaky_smtp(99)
    reminder = ReminderFactory()
    sent_fine = ReminderFactory(state=ReminderState.SENT)
    now = timezone.now()

    results = []
    for _ in range(3):
        results.append(services.reminder_sweep(now=now))
        now += timedelta(hours=1)

    reminder.refresh_from_db()
    assert [(r.sent, r.retried, r.failed) for r in results] == [(0, 1, 0), (0, 1, 0), (0, 0, 1)]
    assert (reminder.state, reminder.attempts) == (ReminderState.FAILED, 3)
    assert reminder.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert services.reminder_sweep(now=now + timedelta(days=1)).sent == 0
    assert mail.outbox == []

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:collider_reminder_changelist"), {"state__exact": "failed"})

    assert list(response.context["cl"].result_list) == [reminder]
    assert sent_fine.email not in response.content.decode()
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in response.content.decode()


def test_reminder_retry_puts_a_failed_row_back_in_line(flaky_smtp):
    reminder = ReminderFactory(state=ReminderState.FAILED, attempts=3, last_error="boom")

    services.reminder_retry(reminder=reminder)
    result = services.reminder_sweep()

    reminder.refresh_from_db()
    assert (result.sent, reminder.state, reminder.attempts) == (1, ReminderState.SENT, 1)


# --- Broker outage -------------------------------------------------------------------------


def test_broker_outage_never_fails_registration_and_the_sweep_sends_later(
    client, celery_conf, django_capture_on_commit_callbacks
):
    event = EventFactory()
    person = member(event.programme)
    client.force_login(person)
    celery_conf(
        task_always_eager=False, broker_url=UNREACHABLE_BROKER, broker_connection_retry=False
    )
    url = reverse("collider:event_register", args=[event.programme.slug, event.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)

    registration = Registration.objects.get(event=event, user=person)
    confirmation = Reminder.objects.get(kind="registration_confirmed")
    assert response.status_code == 302
    assert response.url == event.get_absolute_url()
    assert len(callbacks) == 1  # the enqueue was attempted and swallowed
    assert registration.status == RegistrationStatus.CONFIRMED
    assert (confirmation.state, confirmation.attempts) == (ReminderState.PENDING, 0)
    assert mail.outbox == []

    result = services.reminder_sweep()

    confirmation.refresh_from_db()
    assert (result.sent, confirmation.state) == (1, ReminderState.SENT)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([person.email], f"[Collider] You are registered: {event.title}")
    ]


def test_broker_outage_request_queueing_many_messages_answers_promptly(
    client, celery_conf, django_capture_on_commit_callbacks
):
    event = EventFactory()
    partner = member(event.programme, Role.PARTNER)
    for _ in range(6):
        RegistrationFactory(event=event)
    client.force_login(partner)
    celery_conf(task_always_eager=False, broker_url=UNREACHABLE_BROKER)
    url = reverse("collider:event_cancel", args=[event.programme.slug, event.pk])

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)
    elapsed = time.monotonic() - started

    event.refresh_from_db()
    assert response.url == event.get_absolute_url()
    assert event.status == EventStatus.CANCELLED
    assert len(callbacks) == 6
    assert set(Reminder.objects.values_list("kind", "state")) == {
        ("event_cancelled", ReminderState.PENDING)
    }
    # Each publish gives up at the first refused connection (about 0.2 s); kombu's default
    # retried for about 6.5 s per message, which made this request take 40 s.
    assert elapsed < 10
