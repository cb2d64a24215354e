"""Browser journey of the personal-data lifecycle: a demo CCI participant who leads an idea opens
"Your data and privacy" from the account pages, downloads the ZIP of their data (the worker's
part is run by the test; the ZIP is opened and read), then asks for erasure, sees what happens to
what is still open and confirms. After the grace period (the sweep runs with the clock 15 days
ahead) they can no longer log in, and a partner finds their name nowhere it was shown: the
programme's members, the challenge's ideas, the idea itself and the ranking show the pseudonym
(and his one-person studio, named after him, is renamed after it).
Every page is audited with axe-core; screenshots land in test-artifacts/browser/privacy/."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from challenges.models import Idea
from collider import services
from collider.demo import CCI, DEMO_PASSWORD, _slug_email
from collider.models import ExportJob, Organisation, User
from collider.privacy import services as privacy_services

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER = "petra.lindner@creativehub-graz.example"
ADMIN = "admin@demo.collider.test"
NAME = CCI[7][0]  # leads "Zones you can hear", submitted and ranked
EMAIL = _slug_email(NAME)


@pytest.fixture
def snap() -> Screenshots:
    return Screenshots.fresh("privacy", "privacy")


def test_participant_downloads_their_data_then_is_erased(
    demo, new_context, snap, a11y, celery_conf
):
    console = ConsoleErrors()
    celery_conf(task_always_eager=False, broker_url="memory://")
    idea = Idea.objects.select_related("challenge").get(lead__email=EMAIL)
    challenge = idea.challenge
    studio = Organisation.objects.get(organisationmember__user__email=EMAIL).name  # his name
    shown_on = [
        f"/p/{demo.slug}/manage/",
        f"/p/{demo.slug}/challenges/{challenge.pk}/ideas/",
        idea.get_absolute_url(),
        f"/p/{demo.slug}/challenges/{challenge.pk}/ranking/",
    ]
    partner = console.watch(new_context().new_page())
    log_in(partner, PARTNER)
    for url in shown_on:  # the name is there before
        partner.goto(url)
        expect(partner.locator("main")).to_contain_text(NAME)

    page = console.watch(new_context().new_page())
    log_in(page, EMAIL)
    page.get_by_role("link", name=NAME).click()
    page.get_by_role("link", name="Your data and privacy").click()
    expect(page.get_by_role("heading", name="Your data and privacy")).to_be_visible()
    a11y.check(page, "privacy")
    snap(page, "privacy-page")

    page.get_by_role("button", name="Download my data").click()
    expect(page.get_by_role("heading", name="Your personal data (ZIP)")).to_be_visible()
    expect(page.locator('[data-field="status_label"]')).to_have_text("Waiting")
    services.export_job_run(job_id=ExportJob.objects.get().pk)  # what the worker does
    download = page.get_by_role("link", name="Download the file")
    expect(download).to_be_visible(timeout=15_000)
    a11y.check(page, "archive-ready")
    snap(page, "archive-ready")
    with page.expect_download() as info:
        download.click()
    zipped = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    names = zipped.namelist()
    assert {"README.txt", "consents.json", "collider/user.json", "challenges/idea.json"} <= set(
        names
    )
    account = json.loads(zipped.read("collider/user.json"))["records"]
    assert [(r["email"], r["first_name"]) for r in account] == [(EMAIL, NAME.split()[0])]
    ideas = json.loads(zipped.read("challenges/idea.json"))["records"]
    assert idea.title in [record["title"] for record in ideas]
    memberships = json.loads(zipped.read("collider/membership.json"))["records"]
    assert [record["programme"] for record in memberships] == [demo.name]

    page.get_by_role("link", name="Back to your data and privacy").click()
    page.get_by_role("link", name="Erase my account…").click()
    expect(page.get_by_role("heading", name="Erase your account")).to_be_visible()
    expect(page.locator("main")).to_contain_text("keeps your name as you signed it")
    a11y.check(page, "erase")
    snap(page, "erase-confirm")
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Erase my account").click()
    expect(page.locator("#erasure-pending")).to_contain_text("Your account will be erased on")
    a11y.check(page, "erasure-pending")
    snap(page, "erasure-pending")
    services.reminder_sweep()
    assert [m.subject for m in mail_to(EMAIL)][-1].endswith("Your account will be erased")

    # Fifteen days later, beat's sweep carries it out.
    assert privacy_services.erasure_sweep(now=timezone.now() + timedelta(days=15)) == 1
    pseudonym = User.objects.get(pk=idea.lead_id).display_name
    assert pseudonym.startswith("Former participant ")

    page.reload()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)

    for index, url in enumerate(shown_on):
        partner.goto(url)
        main = partner.locator("main")
        expect(main).to_contain_text(pseudonym)
        expect(main).not_to_contain_text(NAME)
        expect(main).not_to_contain_text(EMAIL)
        expect(main).not_to_contain_text(studio)
        a11y.check(partner, f"after-erasure-{index}")
        snap(partner, f"after-erasure-{index}")
    assert console.errors == []
    a11y.assert_clean()


def test_admin_handles_a_request_retention_and_the_notice(demo, new_context, snap, a11y):
    """The platform admin files an erasure a participant asked for by letter, carries it out at
    once, runs the retention rules and publishes a new version of the privacy notice."""
    console = ConsoleErrors()
    page = console.watch(new_context().new_page())
    log_in(page, ADMIN)
    page.get_by_role("link", name="Personal data").click()
    expect(page.get_by_role("heading", name="Erasure requests")).to_be_visible()
    a11y.check(page, "erasure-list")
    page.get_by_label("The person's e-mail address").fill(EMAIL)
    page.get_by_label("How the request reached us").fill("Letter of 2 December, signature checked")
    page.get_by_role("button", name="Schedule the erasure").click()
    expect(page.locator("#erasure-status")).to_have_text("Waiting for the grace period to end")
    expect(page.locator("main")).to_contain_text("What is still open")
    a11y.check(page, "erasure-detail")
    snap(page, "admin-erasure-pending")
    page.get_by_label("Erase this person now").check()
    page.get_by_role("button", name="Erase now").click()
    expect(page.locator("#erasure-status")).to_have_text("Carried out")
    expect(page.locator("#erasure-summary")).to_contain_text("Account")
    a11y.check(page, "erasure-done")
    snap(page, "admin-erasure-done")
    assert not User.objects.filter(email=EMAIL).exists()

    page.get_by_role("link", name="Retention").click()
    page.get_by_role("button", name="Run the retention rules now").click()
    expect(page.locator("#retention-runs tbody tr")).to_have_count(1)
    a11y.check(page, "retention")
    snap(page, "admin-retention")

    page.get_by_role("link", name="Privacy notice", exact=True).first.click()
    expect(page.locator("main")).to_contain_text("Version 1")
    page.get_by_role("link", name="Edit the privacy notice").click()
    page.get_by_label("Text").fill("We keep what the programmes need, and no more.")
    a11y.check(page, "notice-edit")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("main")).to_contain_text("Version 2")
    a11y.check(page, "notice")
    snap(page, "admin-notice")
    assert console.errors == []
    a11y.assert_clean()
