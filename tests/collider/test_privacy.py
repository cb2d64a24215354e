"""The personal-data lifecycle: declarations cover the model graph, the archive holds every row
about a person, erasure keeps the programme's records, retention takes exactly what is due."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, Review, Score
from challenges.selectors import ranking_for
from collider import privacy
from collider.enums import ErasureStatus, OrganisationRole, RegistrationMode
from collider.models import (
    ErasureRequest,
    ExportJob,
    NoticeAcceptance,
    OrganisationMember,
    Registration,
    RetentionRun,
    User,
)
from collider.privacy import archive
from collider.privacy import services as privacy_services
from collider.tasks import erasure_sweep_task, retention_sweep_task
from outreach.models import Checklist, ChecklistResponse
from tandems.enums import ConsentBasis
from tandems.models import Contact
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
)

#: Our apps, whose rows the archive test checks; the walk itself covers every installed model.
OUR_APPS = ("collider", "tandems", "outreach", "training", "challenges", "matchmaking", "followup")
PERSONAL_NAME = re.compile(
    r"^(name|first_name|last_name|full_name|email|phone|mobile|remote_addr|ip|ip_address|"
    r"signed_name|holder_name|speaker|testimonial_by|quote_by|contacts|organisation_name|"
    r"actor_email|.*_email)$"
)


def _personal_fields(model) -> list[str]:
    """Relations to the user, and fields that hold a person's name, address, phone or IP."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations are declared on the model that holds the key
        if (
            (field.is_relation and field.related_model is user_model)
            or isinstance(field, models.EmailField | models.GenericIPAddressField)
            or PERSONAL_NAME.match(field.name)
        ):
            found.append(field.name)
    return found


def test_every_personal_field_is_exported_or_anonymised():
    """Walks every model: a relation to the user or a personal-looking field that no
    declaration covers (export link, scrub, keep with a reason, or "not personal") fails."""
    missing = []
    for model in apps.get_models():
        declaration = privacy.declaration_for(model)
        for name in _personal_fields(model):
            if privacy.is_not_personal(model, name):
                continue
            if declaration is None or (
                name not in declaration.covered and declaration.erase != privacy.DELETE
            ):
                missing.append(f"{model._meta.label}.{name}")
    assert missing == []


def test_every_declaration_names_real_fields_and_says_what_erasure_does():
    problems = []
    for declaration in privacy.declarations():
        model = declaration.model_class()
        for name in declaration.covered - {privacy.SELF}:
            try:
                model._meta.get_field(name.split("__")[0])
            except Exception:
                problems.append(f"{declaration.model}.{name}")
        if not str(declaration.note):
            problems.append(f"{declaration.model}: no note")
    assert problems == []


@pytest.fixture
def demo(demo_loaded):
    """The demo's people and their rows (restored from the session's copy)."""


def _archive(user) -> zipfile.ZipFile:
    out = io.BytesIO()
    archive.write_archive(archive.PERSON, user, out)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def _ids(zipped: zipfile.ZipFile, declaration) -> set:
    name = f"{declaration.key.replace('.', '/')}.json"
    if name not in zipped.namelist():
        return set()
    return {record["id"] for record in json.loads(zipped.read(name))["records"]}


@pytest.mark.django_db
def test_archive_holds_every_row_that_references_the_person(demo):
    """For every relation to the user in every model, each demo person's archive contains
    every row that points to them."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    expected: dict[int, dict[str, set]] = {}
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if not (field.is_relation and field.related_model is user_model):
                    continue
                if field.auto_created and not field.concrete:
                    continue
                pairs = model._default_manager.filter(**{f"{field.name}__isnull": False})
                for pk, user_id in pairs.values_list("pk", field.name):
                    expected.setdefault(user_id, {}).setdefault(model._meta.label_lower, set()).add(
                        pk
                    )
    assert len(expected) > 10  # the demo's people
    missing = []
    for user in User.objects.filter(pk__in=expected):
        zipped = _archive(user)
        for label, pks in expected[user.pk].items():
            declaration = privacy.declaration_for(apps.get_model(label))
            absent = pks - _ids(zipped, declaration)
            if absent:
                missing.append(f"{user.email}: {label} {sorted(absent)}")
    assert missing == []


@pytest.mark.django_db
def test_archive_has_the_account_consents_and_uploaded_files(demo):
    from django.core.files.base import ContentFile

    from challenges.models import Idea, IdeaAttachment

    idea = Idea.objects.select_related("lead").first()
    attachment = IdeaAttachment(
        idea=idea, name="plan.pdf", content_type="application/pdf", size=9, uploaded_by=idea.lead
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-1.4 "), save=True)
    zipped = _archive(attachment.uploaded_by)

    account = json.loads(zipped.read("collider/user.json"))["records"]
    assert [record["email"] for record in account] == [attachment.uploaded_by.email]
    assert "password" not in account[0] and "calendar_token" not in account[0]
    files = [name for name in zipped.namelist() if name.startswith("files/challenges/")]
    assert files
    assert zipped.read(files[0]) == attachment.file.open("rb").read()
    assert isinstance(json.loads(zipped.read("consents.json")), list)
    assert "README.txt" in zipped.namelist()


def _rankings() -> dict:
    return {
        challenge.pk: [
            (row.idea_id, row.weighted_mean, row.normalised, row.reviews)
            for row in ranking_for(challenge=challenge, details=False)
        ]
        for challenge in Challenge.objects.all()
    }


@pytest.mark.django_db
def test_erasing_the_demo_expert_keeps_the_ranking_and_clears_the_audit_log(demo):
    from challenges import services as challenge_services

    expert = User.objects.get(email="georg.haas@demo.collider.test")
    # The demo assigns him a review; he scores it, so his scores count in the ranking.
    review = Review.objects.get(reviewer=expert)
    challenge_services.review_declare_conflict(actor=expert, review=review, conflict=False)
    criteria = challenge_services.review_criteria_ensure(programme=review.idea.challenge.programme)
    challenge_services.review_submit(
        actor=expert,
        review=review,
        scores={c.pk: (5 if i % 2 else 2, "") for i, c in enumerate(criteria)},
        comment="Strong wayfinding idea.",
    )
    # His address and name are in the audit trail (an invitation, a change made in his name).
    LogEntry.objects.log_create(
        expert, action=LogEntry.Action.UPDATE, changes={"email": [None, expert.email]}
    )
    LogEntry.objects.filter(actor=expert).update(remote_addr="203.0.113.9")
    LogEntry.objects.create(
        content_type_id=LogEntry.objects.values_list("content_type", flat=True).first(),
        object_pk="1",
        object_repr=f"Review by {expert.get_full_name()}",
        action=LogEntry.Action.UPDATE,
        changes={"reviewer": ["", expert.get_full_name()]},
        actor=expert,
        remote_addr="203.0.113.9",
    )
    reviews = Review.objects.filter(reviewer=expert).count()
    scores = Score.objects.filter(review__reviewer=expert).count()
    before = _rankings()
    assert reviews and scores and any(before.values())

    request = privacy_services.erasure_request(actor=expert, user=expert)
    # Before the grace period ends, the sweep leaves him alone.
    erasure_sweep_task.delay()
    assert ErasureRequest.objects.get().status == ErasureStatus.PENDING
    assert privacy_services.erasure_sweep(now=request.due_at + timedelta(minutes=1)) == 1

    expert.refresh_from_db()
    assert _rankings() == before
    assert Review.objects.filter(reviewer=expert).count() == reviews
    assert Score.objects.filter(review__reviewer=expert).count() == scores
    assert re.fullmatch(r"Former participant [0-9A-F]{4}", expert.display_name)
    assert not expert.is_active and not expert.has_usable_password()
    for term in ("georg.haas@demo.collider.test", "Georg Haas", "203.0.113.9"):
        leaks = [
            entry.pk
            for entry in LogEntry.objects.all()
            if term.lower()
            in json.dumps(
                [
                    entry.object_repr,
                    entry.changes_text,
                    entry.changes,
                    entry.additional_data,
                    str(entry.remote_addr),
                    str(entry.actor_email),
                ]
            ).lower()
        ]
        assert leaks == [], term
    assert ErasureRequest.objects.get().summary["Audit log entries"] >= 2


@pytest.mark.django_db
def test_erasure_keeps_a_signed_name_and_replaces_copies_of_the_name(demo):
    from matchmaking.models import Party

    party = Party.objects.filter(user__isnull=False).exclude(signed_name="").first()
    assert party is not None
    user = party.user
    signed_name = party.signed_name
    registration = Registration.objects.filter(user=user).first()

    privacy_services.erase_person(user=user)

    party.refresh_from_db()
    assert party.signed_name == signed_name
    assert party.name == privacy_services.pseudonym_for(user)
    assert party.email.endswith("@erased.invalid")
    if registration:
        registration.refresh_from_db()
        assert registration.name == privacy_services.pseudonym_for(user)


@pytest.mark.django_db
def test_pseudonym_is_stable_for_the_same_person():
    user = UserFactory()
    assert privacy_services.pseudonym_for(user) == privacy_services.pseudonym_for(
        User.objects.get(pk=user.pk)
    )


@pytest.mark.django_db
def test_retention_task_anonymises_exactly_the_rows_past_their_period(settings):
    now = timezone.now()
    programme = ProgrammeFactory()

    def event_ended(days):
        return EventFactory(
            programme=programme,
            registration_mode=RegistrationMode.PUBLIC,
            starts_at=now - timedelta(days=days, hours=2),
            ends_at=now - timedelta(days=days),
        )

    old_guest = RegistrationFactory(event=event_ended(181), user=None, email="old@example.org")
    recent_guest = RegistrationFactory(event=event_ended(179), user=None, email="new@example.org")
    member_at_old = RegistrationFactory(event=old_guest.event)  # has an account: not a guest

    checklist = Checklist.objects.create(programme=programme, title="Readiness")

    def response(days, email):
        return ChecklistResponse.objects.create(
            checklist=checklist,
            sector="cci",
            email=email,
            organisation_name=f"Studio {email}",
            consent_at=now - timedelta(days=days),
            submitted_at=now - timedelta(days=days),
        )

    old_response, recent_response = response(366, "r1@example.org"), response(364, "r2@example.org")

    def contact(days, basis, consent_date=None, email=""):
        row = Contact.objects.create(
            programme=programme,
            kind="target_group",
            name=f"Contact {email}",
            email=email,
            phone="+43 1 234",
            consent_basis=basis,
            consent_date=consent_date,
        )
        Contact.objects.filter(pk=row.pk).update(created_at=now - timedelta(days=days))
        return row

    unconsented_old = contact(366, ConsentBasis.LEGITIMATE_INTEREST, email="c1@example.org")
    undated_consent_old = contact(366, ConsentBasis.CONSENT, email="c2@example.org")
    consented_old = contact(366, ConsentBasis.CONSENT, timezone.localdate(), "c3@example.org")
    unconsented_recent = contact(300, ConsentBasis.PUBLIC_SOURCE, email="c4@example.org")

    retention_sweep_task.delay()

    run = RetentionRun.objects.get()
    assert [(r["rule"], r["count"]) for r in run.results] == [
        ("guest_registrations", 1),
        ("checklist_respondents", 1),
        ("unconsented_contacts", 2),
    ]
    assert run.total == 4 and run.finished_at is not None

    def emails(*rows):
        return [type(row).objects.get(pk=row.pk).email for row in rows]

    erased = "@erased.invalid"
    assert [e.endswith(erased) for e in emails(old_guest, recent_guest, member_at_old)] == [
        True,
        False,
        False,
    ]
    assert [e.endswith(erased) for e in emails(old_response, recent_response)] == [True, False]
    assert [
        e.endswith(erased)
        for e in emails(unconsented_old, undated_consent_old, consented_old, unconsented_recent)
    ] == [True, True, False, False]
    response_after = ChecklistResponse.objects.get(pk=old_response.pk)
    assert response_after.organisation_name != "Studio r1@example.org"
    assert Contact.objects.get(pk=unconsented_old.pk).phone == ""

    # A second run finds nothing left to do.
    assert privacy_services.retention_sweep().total == 0


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_person_downloads_a_zip_through_the_export_job(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    RegistrationFactory(user=user, name=user.get_full_name(), email=user.email)
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("collider:privacy_export"))

    job = ExportJob.objects.get()
    assert response["Location"] == reverse("collider:export_job_detail", args=[job.pk])
    assert (job.format, job.programme, job.user) == ("zip", None, user)
    status = client.get(reverse("collider:export_job_status", args=[job.pk])).json()
    assert status["finished"] and status["rows_done"] == status["rows_total"]
    assert status["rows_total"] == archive.archive_count(archive.PERSON, user) > 1
    page = client.get(reverse("collider:export_job_detail", args=[job.pk])).content.decode()
    assert "Your personal data" in page
    download = client.get(status["download_url"])
    zipped = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert json.loads(zipped.read("collider/registration.json"))["records"][0]["email"] == (
        user.email
    )


@pytest.mark.django_db
def test_organisation_archive_only_for_its_administrators(
    client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    admin, member = UserFactory(), UserFactory()
    OrganisationMember.objects.create(
        organisation=organisation, user=admin, role=OrganisationRole.ADMIN
    )
    OrganisationMember.objects.create(organisation=organisation, user=member)
    url = reverse("collider:privacy_organisation_export", args=[organisation.pk])

    client.force_login(member)
    assert client.post(url).status_code == 404
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    job = ExportJob.objects.get()
    assert (job.user, job.organisation, job.status) == (admin, organisation, "done")
    zipped = zipfile.ZipFile(job.file.open("rb"))
    members = json.loads(zipped.read("collider/organisationmember.json"))["records"]
    assert sorted(record["user"] for record in members) == sorted(
        [admin.display_name, member.display_name]
    )
    assert "collider/user.json" not in zipped.namelist()


@pytest.mark.django_db
def test_erasure_request_is_confirmed_shown_and_cancelled(client, mailoutbox):
    user = UserFactory()
    client.force_login(user)

    refused = client.post(reverse("collider:privacy_erase"), {})
    assert refused.status_code == 400 and not ErasureRequest.objects.exists()
    client.post(reverse("collider:privacy_erase"), {"confirm": "on"})

    erasure = ErasureRequest.objects.get()
    assert erasure.due_at.date() == (timezone.now() + timedelta(days=14)).date()
    page = client.get(reverse("collider:privacy")).content.decode()
    assert "Cancel the erasure" in page
    client.post(reverse("collider:privacy_erase_cancel"))
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.CANCELLED
    assert privacy_services.erasure_sweep(now=timezone.now() + timedelta(days=30)) == 0
    assert User.objects.get(pk=user.pk).is_active


@pytest.mark.django_db
def test_erasure_page_tells_about_open_obligations(client, demo):
    from matchmaking.enums import AgreementStatus
    from matchmaking.models import Party

    party = Party.objects.filter(user__isnull=False).select_related("agreement").first()
    Party.objects.filter(pk=party.pk).update(signed_at=None, signed_name="")
    type(party.agreement).objects.filter(pk=party.agreement_id).update(status=AgreementStatus.DRAFT)
    client.force_login(party.user)
    page = client.get(reverse("collider:privacy_erase")).content.decode()
    assert "waits for your signature" in page
    assert "keeps the name as it was signed" in page


@pytest.mark.django_db
def test_admin_files_an_erasure_on_request_and_erases_at_once(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory()
    client.force_login(admin)

    client.post(
        reverse("collider:erasure_list"), {"email": person.email, "note": "Letter of 1 May"}
    )
    erasure = ErasureRequest.objects.get()
    assert (erasure.user, erasure.requested_by) == (person, admin)
    response = client.post(reverse("collider:erasure_execute", args=[erasure.pk]), {})
    assert response.status_code == 400
    client.post(reverse("collider:erasure_execute", args=[erasure.pk]), {"confirm": "on"})

    erasure.refresh_from_db()
    person.refresh_from_db()
    assert erasure.status == ErasureStatus.DONE and erasure.note == ""
    assert person.display_name == erasure.pseudonym
    unknown = client.post(reverse("collider:erasure_list"), {"email": "x@example.org", "note": "-"})
    assert "No account has this e-mail address." in unknown.content.decode()


@pytest.mark.rendered
@pytest.mark.django_db
def test_privacy_notice_versions_and_signup_acceptance(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.post(
        reverse("collider:privacy_notice_edit"), {"body": "We keep little.", "based_on": ""}
    )
    first = privacy_services.current_notice()
    stale = client.post(
        reverse("collider:privacy_notice_edit"), {"body": "Other text", "based_on": ""}
    )
    assert stale.status_code == 400
    client.post(reverse("collider:privacy_notice_edit"), {"body": "We keep less.", "based_on": "1"})
    assert [first.version, privacy_services.current_notice().version] == [1, 2]
    client.logout()

    signup = {
        "email": "new@example.org",
        "password1": "a-Long-passphrase-42",
        "password2": "a-Long-passphrase-42",
        "first_name": "Nora",
        "last_name": "Neu",
        "privacy_notice_version": "2",
    }
    form = client.get(reverse("account_signup")).content.decode()
    assert f'href="{reverse("collider:privacy_notice")}"' in form
    assert "privacy notice (version 2)" in form
    refused = client.post(reverse("account_signup"), signup)
    assert "privacy_notice" in refused.context["form"].errors
    client.post(reverse("account_signup"), {**signup, "privacy_notice": "on"})

    acceptance = NoticeAcceptance.objects.get(user__email="new@example.org")
    assert acceptance.notice.version == 2


@pytest.mark.django_db
def test_erasure_list_queries_do_not_grow_with_requests(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("collider:erasure_list"))
        assert response.status_code == 200
        return len(queries)

    ErasureRequest.objects.create(user=UserFactory(), requested_by=admin, due_at=timezone.now())
    one = count()
    for _ in range(2):
        ErasureRequest.objects.create(user=UserFactory(), requested_by=admin, due_at=timezone.now())
    assert count() == one


@pytest.mark.django_db
def test_erasure_covers_every_address_of_the_person_without_collisions():
    from allauth.account.models import EmailAddress

    user = UserFactory()
    EmailAddress.objects.create(user=user, email="private@example.org", verified=True)
    event = EventFactory(registration_mode=RegistrationMode.PUBLIC)
    mine = RegistrationFactory(event=event, user=user, email=user.email)
    as_guest = RegistrationFactory(event=event, user=None, email="Private@example.org".lower())
    other = RegistrationFactory(event=event, user=None, email="someone@example.org")

    privacy_services.erase_person(user=user)

    emails = dict(Registration.objects.values_list("pk", "email"))
    assert emails[other.pk] == "someone@example.org"
    assert {emails[mine.pk], emails[as_guest.pk]} == {
        f"erased-registration-{mine.pk}@erased.invalid",
        f"erased-registration-{as_guest.pk}@erased.invalid",
    }
    assert not EmailAddress.objects.filter(user=user).exists()
