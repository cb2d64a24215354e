"""allauth's hooks for the platform (``ACCOUNT_ADAPTER``)."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.encoding import force_str
from django.utils.html import strip_tags

from . import services
from .languages import active
from .models import User

#: The outbox kind (and e-mail template name) of every message allauth sends.
ACCOUNT_MESSAGE_KIND = "account_message"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """A new account reads in the language it signed up in (pages and e-mails)."""
        user.language = active()
        return super().save_user(request, user, form, commit=commit)

    def format_email_subject(self, subject: str) -> str:
        # collider.emails adds the project's subject prefix to every message when it sends.
        return force_str(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue the message in the outbox instead of talking to SMTP during the request.

        It is rendered now, in the visitor's language and with the links allauth builds from
        the request; the outbox sends it after commit and retries it while SMTP is down, so a
        sign-up or password reset never fails (nor hangs) on the mail server.
        """
        request = allauth_context.request
        msg = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        if msg.content_subtype == "html":  # allauth found only an HTML template
            text, html = strip_tags(msg.body), msg.body
        else:
            alternatives = getattr(msg, "alternatives", [])
            text = msg.body
            html = next((body for body, mime in alternatives if mime == "text/html"), "")
        user = context.get("user")
        services.notification_send(
            kind=ACCOUNT_MESSAGE_KIND,
            email=email,
            recipient=user if isinstance(user, User) and user.pk else None,
            context={"subject": msg.subject, "text": text, "html": html},
        )
