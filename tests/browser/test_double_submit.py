"""A double click sends a form once (issue 13 items 11 and 22), in headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

from challenges.models import Question
from collider.enums import Role, Sector
from tests.challenges.factories import open_challenge
from tests.factories import PASSWORD, ProgrammeFactory, member

from .support import log_in


@pytest.fixture
def asking(transactional_db, live_server, page):
    """A CCI participant on an open challenge's page, a question typed in."""
    programme = ProgrammeFactory()
    cci = member(programme, Role.PARTICIPANT, Sector.CCI)
    challenge = open_challenge(programme)
    log_in(page, cci.email, PASSWORD, land=False)
    page.goto(challenge.get_absolute_url())
    page.locator("textarea[name=body]").fill("Which alloys do you use?")
    return page


def test_ask_sent_twice_by_the_browser_stores_one_question(asking):
    page = asking
    ask = page.get_by_role("button", name="Ask", exact=True)

    # Two submits in the same instant, as a fast double click sends them (before any script
    # could disable the button): the browser posts the same form twice.
    ask.evaluate(
        "button => { button.form.requestSubmit(button); button.form.requestSubmit(button); }"
    )

    expect(page.get_by_text("Which alloys do you use?")).to_have_count(1)
    expect(
        page.locator(".alert").filter(has_text=re.compile("Question sent|already been sent"))
    ).not_to_have_count(0)
    assert list(Question.objects.values_list("body", flat=True)) == ["Which alloys do you use?"]


def test_a_clicked_submit_button_is_disabled_while_the_form_is_sent(asking):
    page = asking
    ask = page.get_by_role("button", name="Ask", exact=True)
    # Keep the page: a listener on window runs after the page's own (on document) and stops
    # the navigation, so the button can be looked at after the click.
    page.evaluate("() => window.addEventListener('submit', event => event.preventDefault())")

    ask.click()

    expect(ask).to_be_disabled()
