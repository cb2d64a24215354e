"""One helper sends every e-mail, from three templates per message.

``templates/emails/<name>-subject.txt``, ``<name>-body-text.txt`` and ``<name>-body-html.html``.
Subjects and text parts are plain text: rendered without HTML escaping ("Hofer & Wolf", not
"Hofer &amp; Wolf"); only the HTML part escapes. Every message ends with a footer saying why the
reader gets it (``emails/_why.txt``), in both parts. The sender is ``DEFAULT_FROM_EMAIL``; replies
go to the programme's contact address when the message is about a programme.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from .models import Programme


def render_plain(template_name: str, context: dict) -> str:
    """A template rendered as plain text: autoescape off, whatever the template says."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def _programme_of(context: dict) -> Programme | None:
    """The programme the message is about: the context's, else its outbox row's. Some messages
    carry the programme's name only, as text."""
    programme = context.get("programme")
    if isinstance(programme, Programme):
        return programme
    reminder = context.get("reminder")
    return reminder.programme if reminder is not None else None


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML of message ``name``, in the active language."""
    context = {
        "site_url": settings.SITE_URL,
        "LANGUAGE_CODE": translation.get_language(),
        "email_name": name,
        **context,
    }
    context["why_programme"] = _programme_of(context)
    why = " ".join(render_plain("emails/_why.txt", context).split())
    context["why"] = why
    subject = render_plain(f"emails/{name}-subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    text = render_plain(f"emails/{name}-body-text.txt", context).strip()
    text = f"{text}\n\n-- \n{why}\n"
    html = render_to_string(f"emails/{name}-body-html.html", context)
    return subject, text, html


def send_email(
    *,
    name: str,
    to: str,
    context: dict,
    attachments: list[tuple[str, bytes, str]] | None = None,
    language: str | None = None,
) -> None:
    """Render and send one message now. Raises on SMTP errors; the outbox decides on retries."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject, text, html = render_email(name, context)
    programme = _programme_of(context)
    reply_to = [programme.contact_email] if programme and programme.contact_email else None
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send(fail_silently=False)
