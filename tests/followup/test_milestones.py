"""Milestones: evidence to mark done, overdue reminders to both parties, the board's flag."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from collider.enums import ReminderState
from collider.models import Reminder
from collider.services import reminder_sweep
from followup import services
from followup.models import Milestone


def test_milestone_done_requires_evidence(partner, pair):
    milestone = services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )

    with pytest.raises(ValidationError) as error:
        services.milestone_done(actor=partner, milestone=milestone)

    assert error.value.messages == ["Attach a file or give a link as evidence."]


def test_milestone_done_with_a_link_cancels_its_reminders(partner, pair):
    milestone = services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )

    services.milestone_done(
        actor=partner, milestone=milestone, evidence_link="https://files.example/prototype"
    )

    milestone.refresh_from_db()
    states = list(
        Reminder.objects.filter(kind=services.MILESTONE_OVERDUE_KIND).values_list(
            "state", flat=True
        )
    )
    assert (milestone.is_done, milestone.evidence_link) == (
        True,
        "https://files.example/prototype",
    )
    assert states == [ReminderState.CANCELLED, ReminderState.CANCELLED]


def test_overdue_milestone_reminds_both_parties(partner, pair):
    services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )
    mail.outbox.clear()

    reminder_sweep(now=timezone.now() + timedelta(days=2))

    assert sorted(m.to[0] for m in mail.outbox) == ["ana@studio.example", "marko@metal.example"]
    assert mail.outbox[0].subject == "[Collider] Overdue milestone: Prototype"


def test_board_flags_an_overdue_milestone(client, programme, partner, pair):
    Milestone.objects.create(
        cooperation=pair, title="Late", due_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(partner)

    response = client.get(reverse("followup:board", kwargs={"slug": programme.slug}))

    assert response.content.decode().count("Milestone overdue") == 1


def test_milestone_done_view_with_a_file(client, programme, partner, pair, evidence):
    milestone = services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )
    client.force_login(partner)

    response = client.post(
        reverse("followup:milestone_done", kwargs={"slug": programme.slug, "pk": milestone.pk}),
        {"evidence_file": evidence(name="handover.pdf")},
    )

    milestone.refresh_from_db()
    assert response.status_code == 302
    assert milestone.is_done is True
    assert milestone.evidence_file.name.endswith(".pdf")


@pytest.mark.rendered
def test_milestone_done_view_refuses_an_executable(client, programme, partner, pair, evidence):
    milestone = services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )
    client.force_login(partner)

    response = client.post(
        reverse("followup:milestone_done", kwargs={"slug": programme.slug, "pk": milestone.pk}),
        {"evidence_file": evidence(name="run.exe")},
    )

    milestone.refresh_from_db()
    assert (response.status_code, milestone.is_done) == (400, False)
    assert response.context["done_form"].errors == {
        "evidence_file": ["Upload one of these file types: PDF, PNG, JPEG, CSV, XLSX, DOCX, TXT."]
    }


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        # An executable renamed .pdf: the content decides, not the name.
        (
            ("evidence.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
            "The file's content is not a PDF file.",
        ),
        # 10 MB: past the 5 MB limit, answered next to the field (not a bare 400).
        (
            ("evidence.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)),
            "The file is 10.0 MB; the limit is 5 MB.",
        ),
    ],
)
def test_milestone_done_view_answers_a_bad_evidence_file_next_to_the_field(
    client, programme, partner, pair, upload, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    milestone = services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )
    client.force_login(partner)

    response = client.post(
        reverse("followup:milestone_done", kwargs={"slug": programme.slug, "pk": milestone.pk}),
        {"evidence_file": SimpleUploadedFile(*upload)},
    )

    milestone.refresh_from_db()
    page = response.content.decode()
    assert (response.status_code, milestone.is_done) == (400, False)
    assert f'<div class="invalid-feedback">{message}</div>'.replace("'", "&#x27;") in page


def test_milestone_add_view_adds_it(client, programme, partner, pair):
    client.force_login(partner)

    client.post(
        reverse("followup:milestone_add", kwargs={"slug": programme.slug, "pk": pair.pk}),
        {"title": "User test report", "due_on": "2027-03-01"},
    )

    assert list(pair.milestones.values_list("title", "due_on__year")) == [
        ("User test report", 2027)
    ]
