"""A visitor who reads Slovenian or German: the switcher, sign-up, the verification and
registration e-mails, and a participant's workshop agenda PDF, all in that language.

Every expected text is computed from the catalogues (``translation.override`` + ``gettext``,
which read the same .mo files as the pages, allauth's included); nothing English is hard-coded,
so a string the page shows in English while the catalogue has it fails here.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from collider.demo import DEMO_PASSWORD
from collider.formatting import date_as
from collider.models import Event, Registration, User
from matchmaking.models import Workshop

from .support import Screenshots, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIRA = "mira.kovac@demo.collider.test"
PASSWORD = "Tandem-Collider-2031!"
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# {% translate "..." %} without placeholders, as written in a template.
# The agenda's headings present whatever the schedule (the rest depends on it).
ALWAYS_IN_AGENDA = {"Personal agenda", "Slot", "Time", "Table", "Meeting with", "Why"}
TRANSLATE_TAG = re.compile(r'{%\s*translate\s+"([^"{%]+)"\s*%}')


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return gettext(text)


def exact(text: str) -> re.Pattern:
    """A label or name as the page shows it: the text, maybe followed by crispy's asterisk."""
    return re.compile(rf"^\s*{re.escape(text)}\W*$")


def choose_language(page: Page, lang: str) -> None:
    """Pick the language by its visible option (its own name); the switcher autosubmits."""
    own_name = translation.get_language_info(lang)["name_local"]
    option = page.locator("#language-select option", has_text=own_name)
    expect(option).to_have_attribute("lang", lang)
    page.locator("#language-select").select_option(label=option.text_content().strip())
    expect(page.locator("html")).to_have_attribute("lang", lang)


def ui_strings(*templates: str) -> list[str]:
    """The plain ``translate`` strings of templates: the words a reader of the page meets."""
    found: list[str] = []
    for name in templates:
        found += TRANSLATE_TAG.findall((TEMPLATES / name).read_text())
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("lang", ["sl", "de"])
def test_a_visitor_reads_the_platform_in_their_language(demo, new_context, a11y, console, lang):
    assert lang in demo.languages
    shots = Screenshots.fresh("languages", prefix=lang)
    visitor = console.watch(new_context().new_page())
    email = f"ana.{lang}@studio-ana.example"

    # 1. The anonymous visitor picks the language in the switcher, on the home page.
    visitor.goto("/")
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    choose_language(visitor, lang)
    expect(visitor.get_by_role("link", name=demo.name)).to_be_visible()
    a11y.check(visitor, "home")
    shots(visitor, "home")

    # 2. Sign-up: every label and the button through the catalogue.
    visitor.get_by_role("link", name=t(lang, "Sign up"), exact=True).click()
    visitor.get_by_label(exact(t(lang, "First name"))).fill("Ana")
    visitor.get_by_label(exact(t(lang, "Last name"))).fill("Novak")
    visitor.get_by_label(exact(t(lang, "Email"))).fill(email)
    visitor.get_by_label(exact(t(lang, "Password"))).fill(PASSWORD)
    visitor.get_by_label(exact(t(lang, "Password (again)"))).fill(PASSWORD)
    visitor.get_by_label(re.compile(re.escape(t(lang, "I have read and accept the")))).check()
    a11y.check(visitor, "sign-up")
    shots(visitor, "sign-up")
    visitor.get_by_role("button", name=t(lang, "Create account"), exact=True).click()
    expect(
        visitor.get_by_role("heading", name=t(lang, "Verify Your Email Address"))
    ).to_be_visible()
    a11y.check(visitor, "verification-sent")
    shots(visitor, "verification-sent")
    assert User.objects.get(email=email).language == lang

    # 3. The verification e-mail is in that language: subject and the HTML part's lang.
    (verification,) = mail_to(email)
    subject = t(lang, "Confirm your e-mail address")
    assert subject != "Confirm your e-mail address", f"{lang}: subject is not translated"
    assert subject in verification.subject
    assert "Confirm your e-mail address" not in verification.subject
    ((html, _mime),) = verification.alternatives
    assert f'<html lang="{lang}"' in html
    confirm_path = re.search(r"/accounts/confirm-email/\S+/", verification.body).group(0)
    visitor.goto(confirm_path)
    expect(visitor.locator("html")).to_have_attribute("lang", lang)
    a11y.check(visitor, "confirm-email")
    shots(visitor, "confirm-email")
    visitor.get_by_role("button", name=t(lang, "Confirm"), exact=True).click()
    expect(visitor.get_by_role("button", name=t(lang, "Log out"))).to_be_visible()
    a11y.check(visitor, "dashboard")
    shots(visitor, "dashboard")

    # 4. The new user applies to the demo programme.
    visitor.get_by_role("link", name=t(lang, "Programmes"), exact=True).click()
    visitor.get_by_role("link", name=demo.name).click()
    visitor.get_by_role("link", name=t(lang, "Apply to this programme")).click()
    visitor.get_by_label(t(lang, "Cultural and creative industries (CCI)")).check()
    visitor.get_by_label(exact(t(lang, "New organisation name"))).fill("Studio Ana")
    visitor.get_by_label(exact(t(lang, "Kind of organisation"))).select_option(
        label=t(lang, "CCI freelancer")
    )
    visitor.get_by_label(exact(t(lang, "Country"))).select_option(label=t(lang, "Slovenia"))
    visitor.get_by_label(exact(t(lang, "Why do you want to take part?"))).fill(
        "Ana oblikuje taktilne nadzorne plošče."
    )
    a11y.check(visitor, "apply-form")
    shots(visitor, "apply-form")
    visitor.get_by_role("button", name=t(lang, "Send application")).click()
    expect(visitor.get_by_role("alert")).to_contain_text(
        t(lang, "Thank you! Your application was sent to the tandem partners.")
    )
    a11y.check(visitor, "application-sent")
    shots(visitor, "application-sent")

    # 5. ...and registers for the public info day, following the pages the product shows.
    info_day = Event.objects.get(programme=demo, title__startswith="Info day")
    visitor.get_by_role("link", name=t(lang, "Events"), exact=True).click()
    a11y.check(visitor, "events")
    visitor.get_by_role("link", name=info_day.title).click()
    a11y.check(visitor, "info-day-event")
    shots(visitor, "info-day")
    # The event page offers the registration itself to a signed-in visitor.
    visitor.get_by_role("button", name=t(lang, "Register"), exact=True).click()
    expect(visitor.get_by_role("alert")).to_contain_text(
        t(lang, "You are registered. See you there!")
    )
    expect(visitor.locator("#registration-status")).to_have_text(t(lang, "You are registered."))
    a11y.check(visitor, "info-day-registered")
    shots(visitor, "info-day-registered")
    registration = Registration.objects.get(event=info_day, user__email=email)
    assert registration.is_confirmed

    # 6. The registration confirmation e-mail is in that language too.
    confirmations = [m for m in mail_to(email) if info_day.title in m.subject]
    assert len(confirmations) == 1, [m.subject for m in mail_to(email)]
    (confirmation,) = confirmations
    with translation.override(lang):
        translated = gettext("You are registered: %(title)s") % {"title": info_day.title}
        when = gettext("When")
        # The language's own order and punctuation ("Montag, 14. Dezember 2026, 14:00").
        starts = date_as(
            localtime(info_day.starts_at, ZoneInfo(info_day.timezone)), "WEEKDAY_DATETIME_FORMAT"
        )
    assert translated in confirmation.subject
    assert "You are registered" not in confirmation.subject
    ((html, _mime),) = confirmation.alternatives
    assert f'<html lang="{lang}"' in html
    assert f"{when}: {starts}" in confirmation.body

    # 7. Mira logs in, switches to the language and opens her match-making agenda (PDF).
    mira = console.watch(new_context().new_page())
    mira.goto("/accounts/login/")
    choose_language(mira, lang)
    mira.get_by_label(exact(t(lang, "Email"))).fill(MIRA)
    mira.get_by_label(exact(t(lang, "Password"))).fill(DEMO_PASSWORD)
    mira.get_by_role("button", name=t(lang, "Log in"), exact=True).click()
    expect(mira.get_by_role("button", name=t(lang, "Log out"))).to_be_visible()
    expect(mira.locator("html")).to_have_attribute("lang", lang)
    a11y.check(mira, "mira-dashboard")
    shots(mira, "mira-dashboard")
    workshop = Workshop.objects.select_related("event").get(event__programme=demo)
    mira.goto(f"/p/{demo.slug}/matchmaking/workshops/{workshop.pk}/")
    a11y.check(mira, "workshop")
    shots(mira, "workshop")
    with mira.expect_download() as info:
        mira.get_by_role("link", name=t(lang, "Agenda (PDF)")).click()
    reader = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())

    event = workshop.event
    with translation.override(lang):
        day = date_format(localtime(event.starts_at, ZoneInfo(event.timezone)), "DATE_FORMAT")
    assert day in text, (day, text[:400])
    headings = ui_strings("matchmaking/pdf/agenda.html", "pdf/base.html")
    assert "Personal agenda" in headings
    for english in headings:
        translated = t(lang, english)
        if english in ALWAYS_IN_AGENDA:
            assert translated in text, (english, translated)
        if translated != english:
            assert not re.search(rf"\b{re.escape(english)}\b", text), f"English {english!r}"

    # 8. Every page passed axe-core; no script errors.
    a11y.assert_clean()
    assert not console.errors, "\n".join(console.errors)
