"""The one e-mail helper: plain-text parts unescaped, the HTML part escaped, a branded layout, a
footer that says why the reader gets the message, and the sender from the settings."""

import pytest
from django.core import mail

from collider.checks import check_sender
from collider.emails import render_email, send_email
from tests.factories import (
    InvitationFactory,
    MembershipFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    programme = ProgrammeFactory(name="Hofer & Wolf Collider", contact_email="team@hofer.example")
    user = UserFactory(first_name="Seán", last_name="O'Brien")
    return MembershipFactory(programme=programme, user=user)


def _context(membership) -> dict:
    return {"programme": membership.programme, "membership": membership, "programme_url": "/p/x/"}


def test_render_email_keeps_subject_and_text_unescaped_and_escapes_only_the_html(application):
    subject, text, html = render_email("application_received", _context(application))

    assert subject == "[Collider] We received your application to Hofer & Wolf Collider"
    assert text.startswith(
        "Hello Seán O'Brien,\n\nthank you for applying to Hofer & Wolf Collider."
    )
    assert ("&amp;" in text, "&#x27;" in text, "&#x27;" in subject) == (False, False, False)
    assert "Hello Seán O&#x27;Brien, thank you for applying to <strong>Hofer &amp; Wolf" in html


def test_render_email_ends_both_parts_with_why_the_reader_gets_it(application):
    _subject, text, html = render_email("application_received", _context(application))

    why = (
        "You receive this e-mail because you take part in Hofer & Wolf Collider on Collider, as a "
        "member, an applicant or a registered guest. Questions? Reply to this e-mail or write to "
        "team@hofer.example."
    )
    assert text.endswith(f"\n\n-- \n{why}\n")
    assert why.replace("&", "&amp;") in html
    # The branded layout: the logo's two colours as a band, the product name linking home.
    assert ("#f4a261" in html, "#2a9d8f" in html, ">Collider</a>" in html) == (True, True, True)


def test_render_email_of_an_invitation_says_the_address_was_invited():
    programme = ProgrammeFactory(name="Styria Collider")
    invitation = InvitationFactory(programme=programme, invited_by=UserFactory())

    _subject, text, _html = render_email(
        "invitation", {"programme": programme, "invitation": invitation, "accept_url": "/i/x/"}
    )

    assert text.rstrip().endswith(
        "You receive this e-mail because this address was invited to Styria Collider on "
        "Collider. If you do not want to join, ignore it: nothing happens without you."
    )


def test_send_email_comes_from_the_configured_sender_and_replies_go_to_the_programme(
    application, settings
):
    settings.DEFAULT_FROM_EMAIL = "Styria Collider <collider@hub.example>"

    send_email(name="application_received", to="sean@example.org", context=_context(application))

    [message] = mail.outbox
    assert (message.from_email, message.reply_to, message.to) == (
        "Styria Collider <collider@hub.example>",
        ["team@hofer.example"],
        ["sean@example.org"],
    )


@pytest.mark.parametrize(
    ("sender", "debug", "errors"),
    [
        ("Collider <collider@localhost>", False, ["collider.E002"]),
        ("collider@hub-graz.at", False, ["collider.E002"]),
        ("Collider <collider@example.org>", False, ["collider.E002"]),
        ("Styria Collider <collider@hub-graz.at>", False, []),
        ("Collider <collider@localhost>", True, []),
    ],
)
def test_check_sender_refuses_a_sender_without_name_or_real_domain(settings, sender, debug, errors):
    settings.DEFAULT_FROM_EMAIL, settings.DEBUG = sender, debug

    assert [error.id for error in check_sender(None)] == errors


def test_send_email_with_the_programme_named_as_text_uses_the_general_footer(settings):
    # Some messages carry the programme's name only (the signing link for an external party).
    send_email(
        name="account_message",
        to="guest@example.org",
        context={"subject": "Hofer & Wolf", "text": "O'Brien signed.", "html": ""},
    )
    send_email(
        name="application_received",
        to="guest@example.org",
        context={"programme": "Hofer & Wolf", "membership": None, "programme_url": "/p/x/"},
    )

    first, second = mail.outbox
    assert (first.subject, first.body.split("\n\n")[0], second.reply_to) == (
        "[Collider] Hofer & Wolf",
        "O'Brien signed.",
        [],
    )
    assert second.body.rstrip().endswith(
        "You receive this e-mail because you have an account on Collider."
    )
