"""Browser journey of phase 3 on the demo programme: a CCI participant whose readiness
checklist shows a low technology score sees a technology module recommended on the dashboard,
enrols in the full hands-on session and is waitlisted, is promoted when seats free up, is marked
present by a partner, answers the e-mailed feedback request, marks two library items done,
downloads the certificate (text read back) and verifies its code on the public page. Every page
is audited with axe-core; screenshots land in test-artifacts/browser/training/."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from collider import services as core
from collider.enums import RegistrationStatus, Role
from collider.models import Event, Membership, Registration
from outreach import services as outreach_services
from outreach.demo import _answers
from outreach.enums import ResponseSource
from outreach.models import Checklist
from training.models import Certificate, Feedback, Session

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER = "petra.lindner@creativehub-graz.example"
SESSION_TITLE = "Hands-on know-how: additive manufacturing for designers"


@pytest.fixture
def shots() -> Screenshots:
    return Screenshots.fresh("training")


def _low_technology_participant(programme):
    """A demo CCI participant without a seat in the full session, with a paper checklist whose
    technology answers are the lowest and every other answer the highest."""
    session = Session.objects.get(event__programme=programme, event__title=SESSION_TITLE)
    registered = session.event.registrations.values("user")
    membership = (
        Membership.objects.filter(
            programme=programme, role=Role.PARTICIPANT, sector="cci", status="approved"
        )
        .exclude(user__in=registered)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    user = membership.user
    checklist = Checklist.objects.filter(programme=programme).first()
    low, high = _answers(checklist, "cci", 0), _answers(checklist, "cci", 4)
    technology = set(
        checklist.sections.filter(dimension="technology").values_list("questions__pk", flat=True)
    )
    answers = {pk: (low if pk in technology else high)[pk] for pk in low}
    outreach_services.checklist_response_submit(
        checklist=checklist,
        sector="cci",
        email=user.email,
        organisation_name="Studio",
        consent=True,
        answers=answers,
        source=ResponseSource.PAPER,
        entered_by=Membership.objects.filter(programme=programme, role=Role.PARTNER).first().user,
        respondent=user,
    )
    return user, session


def test_learning_path_waitlist_attendance_feedback_materials_certificate(
    demo, new_context, shots, a11y
):
    console = ConsoleErrors()
    user, session = _low_technology_participant(demo)

    # 1. The dashboard recommends the technology module, with the reason.
    page = console.watch(new_context().new_page())
    log_in(page, user.email, a11y=a11y)
    page.goto("/dashboard/")
    step = page.get_by_role("link", name=f"Training: {SESSION_TITLE}")
    expect(step).to_be_visible()
    expect(page.get_by_text(re.compile(r"scored \d+ of 100 in Technology"))).to_be_visible()
    shots(page, "dashboard-learning-path")
    a11y.check(page, "dashboard")

    # 2. The module page lists the full session; enrolling puts them on the waitlist.
    step.click()
    expect(page.get_by_role("heading", name=SESSION_TITLE, level=1)).to_be_visible()
    a11y.check(page, "module-detail")
    shots(page, "module-detail")
    page.get_by_role("region", name="Sessions").get_by_role("link", name=SESSION_TITLE).click()
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.locator("#registration-status")).to_have_text(
        re.compile(r"You are number 3 on the waitlist")
    )
    a11y.check(page, "session-waitlisted")
    shots(page, "session-waitlisted")

    # 3. Three people cancel: the two ahead and then our participant get the freed seats.
    confirmed = list(
        session.event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("pk")[:3]
    )
    for registration in confirmed:
        core.registration_cancel(actor=registration.user, registration=registration)
    page.reload()
    expect(page.locator("#registration-status")).to_have_text(re.compile("You are enrolled"))
    assert [m.subject for m in mail_to(user.email) if "seat" in m.subject.lower()] != []
    shots(page, "session-promoted")

    # 4. Before the session a partner can see who registered but cannot mark anyone present;
    # on the day (the session moved to have begun an hour ago) they mark them present.
    partner = console.watch(new_context().new_page())
    log_in(partner, PARTNER, land=False)
    partner.goto(session.get_absolute_url())
    partner.get_by_role("link", name="Registrations and attendance").click()
    expect(partner.locator("#attendance-not-yet")).to_be_visible()
    expect(partner.get_by_role("button", name="Save attendance")).to_have_count(0)
    start = timezone.now() - timedelta(hours=1)
    Event.objects.filter(pk=session.event_id).update(
        starts_at=start, ends_at=start + timedelta(hours=3)
    )
    partner.reload()
    partner.get_by_label(f"{user.display_name} was present").check()
    partner.get_by_role("button", name="Save attendance").click()
    expect(partner.get_by_text(re.compile(r"Attendance saved"))).to_be_visible()
    a11y.check(partner, "attendance")

    # 5. The feedback request arrives by e-mail; they rate the session.
    requests = [m for m in mail_to(user.email) if "feedback" in m.subject.lower()]
    assert [m.subject for m in requests] == [
        f"[Collider] How was {SESSION_TITLE}? Two minutes of feedback"
    ]
    link = re.search(r"https?://\S+/feedback/", requests[0].body).group(0)
    page.goto("/" + link.split("/", 3)[3])
    page.get_by_label("4", exact=True).check()
    page.get_by_label("Comment").fill("The printer demo made design rules concrete.")
    a11y.check(page, "feedback-form")
    shots(page, "feedback-form")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you for your feedback (4/5).")).to_be_visible()
    assert list(Feedback.objects.filter(registration__user=user).values_list("rating")) == [(4,)]

    # 6. In the library they mark two technology items done and see their progress.
    page.goto(f"/p/{demo.slug}/training/library/?dimension=technology")
    for title in ("CNC basics in 15 minutes", "A day at a cobot line"):
        page.get_by_role("button", name=f"Mark as done {title}").click()
        expect(page.get_by_text(f"“{title}” marked as done.")).to_be_visible()
    expect(page.locator("#progress")).to_contain_text("2 of 3 done")
    a11y.check(page, "library")
    shots(page, "library-progress")

    # 7. The certificate lists the attended session and carries a verification code.
    page.goto(f"/p/{demo.slug}/training/my/")
    page.get_by_role("button", name="Issue my certificate of attendance").click()
    expect(page.get_by_text("Your certificate of attendance is ready to download.")).to_be_visible()
    a11y.check(page, "my-learning")
    shots(page, "my-learning")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my certificate of attendance (PDF)").click()
    pdf = PdfReader(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    certificate = Certificate.objects.get(user=user, programme=demo)
    assert "Certificate of attendance" in text
    assert SESSION_TITLE in " ".join(text.split())
    assert certificate.code in text

    # 8. Anyone can check the code on the public page.
    visitor = console.watch(new_context().new_page())
    visitor.goto("/certificates/verify/")
    visitor.get_by_label("Verification code").fill(certificate.code)
    visitor.get_by_role("button", name="Verify").click()
    expect(visitor.locator("#verification-result")).to_contain_text("This certificate is genuine.")
    expect(visitor.locator("#verification-result")).to_contain_text(user.display_name)
    a11y.check(visitor, "verify")
    shots(visitor, "verify")

    assert Registration.objects.get(event=session.event, user=user).attended is True
    assert console.errors == []
    a11y.assert_clean()
