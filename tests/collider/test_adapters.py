"""allauth's e-mails go through the outbox: with SMTP down, sign-up and reset still work."""

import re
import socket
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from collider import services
from collider.adapters import ACCOUNT_MESSAGE_KIND
from collider.enums import ReminderState
from collider.models import Reminder, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_down(settings):
    """SMTP pointing to a port nobody listens on: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return settings


def _sweep_with_working_mail(settings) -> services.SweepResult:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Past the retry back-off of the attempt that met the closed port.
    return services.reminder_sweep(now=timezone.now() + timedelta(hours=1))


def _link(body: str, prefix: str) -> str:
    return re.search(rf"http://testserver({re.escape(prefix)}\S+)", body).group(1)


def test_signup_with_smtp_down_redirects_and_mails_the_link_after_a_sweep(
    client, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the inline "worker" meets SMTP down
        response = client.post(
            reverse("account_signup"),
            {
                "email": "newcomer@example.org",
                "password1": "a-long-Passphrase-42",
                "password2": "a-long-Passphrase-42",
                "first_name": "New",
                "last_name": "Comer",
            },
        )
    queued = Reminder.objects.get(kind=ACCOUNT_MESSAGE_KIND)
    queued_before = (queued.email, queued.state, queued.attempts, queued.last_error[:22])

    swept = _sweep_with_working_mail(smtp_down)
    confirm_path = _link(mail.outbox[0].body, "/accounts/confirm-email/")
    confirmed = client.post(confirm_path)

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("account_email_verification_sent"),
    )
    assert queued_before == (
        "newcomer@example.org",
        ReminderState.PENDING,
        1,
        "ConnectionRefusedError",
    )
    assert (swept.sent, [(m.to, m.subject) for m in mail.outbox]) == (
        1,
        [(["newcomer@example.org"], "[Collider] Confirm your e-mail address")],
    )
    html = mail.outbox[0].alternatives[0].content
    assert f'href="http://testserver{confirm_path}"' in html
    # Our wording and our branded layout, not allauth's "Hello from testserver!".
    text = mail.outbox[0].body
    assert (
        text.startswith("Hello,\n\nPlease confirm this e-mail address"),
        "Hello from" in text,
    ) == (
        True,
        False,
    )
    assert ("#f4a261" in html, "to sign up, sign in or change a password" in html) == (True, True)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="newcomer@example.org").verified is True
    assert User.objects.get(email="newcomer@example.org").first_name == "New"


@pytest.mark.rendered
def test_password_reset_with_smtp_down_answers_and_mails_the_link_after_a_sweep(
    client, smtp_down, django_capture_on_commit_callbacks
):
    user = UserFactory(email="member@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    queued = Reminder.objects.get(kind=ACCOUNT_MESSAGE_KIND)
    queued_before = (queued.email, queued.recipient, queued.state)

    _sweep_with_working_mail(smtp_down)
    reset_path = _link(mail.outbox[0].body, "/accounts/password/reset/key/")
    reset_page = client.get(reset_path, follow=True)

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("account_reset_password_done"),
    )
    assert queued_before == ("member@example.org", user, ReminderState.PENDING)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["member@example.org"], "[Collider] Reset your password")
    ]
    assert reset_page.context["form"].__class__.__name__ == "ResetPasswordKeyForm"


def test_account_message_in_admin_hides_its_links(client, smtp_down):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.post(reverse("account_reset_password"), {"email": admin.email})
    queued = Reminder.objects.get(kind=ACCOUNT_MESSAGE_KIND)
    client.force_login(admin)

    page = client.get(reverse("admin:collider_reminder_change", args=[queued.pk]))

    assert "/accounts/password/reset/key/" in queued.context["text"]
    assert (page.status_code, "/accounts/password/reset/key/" in page.content.decode()) == (
        200,
        False,
    )
