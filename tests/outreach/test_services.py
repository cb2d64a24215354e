import io
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from pypdf import PdfReader

from collider.enums import Role, Sector
from outreach import services
from outreach.enums import (
    Audience,
    ChecklistStatus,
    MediaStatus,
    PracticeAssessment,
    PublicationStatus,
    QuestionKind,
    ResponseSource,
)
from outreach.models import ChecklistAnswer, ChecklistResponse, ChecklistSectionScore, Practice
from tests.factories import member

from .factories import (
    BrochureFactory,
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
    MediaCommitmentFactory,
    PracticeFactory,
    choice_question,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def checklist(programme):
    """Two sections: a weighted scale + yes/no, and single + multiple choice + free text."""
    checklist = ChecklistFactory(programme=programme)
    tech = ChecklistSectionFactory(checklist=checklist, title="Technology", dimension="technology")
    ipr = ChecklistSectionFactory(checklist=checklist, title="IPR", dimension="ipr")
    checklist.q_scale = ChecklistQuestionFactory(section=tech, kind=QuestionKind.SCALE, weight=3)
    checklist.q_yes = ChecklistQuestionFactory(section=tech, kind=QuestionKind.YES_NO, weight=1)
    checklist.q_single = choice_question(ipr, QuestionKind.SINGLE, scores=(0, 5, 10), weight=2)
    checklist.q_multi = choice_question(ipr, QuestionKind.MULTIPLE, scores=(2, 3, 5), weight=2)
    checklist.q_text = ChecklistQuestionFactory(
        section=ipr, kind=QuestionKind.TEXT, weight=0, required=False
    )
    checklist.q_avm_only = ChecklistQuestionFactory(
        section=tech, kind=QuestionKind.YES_NO, audience=Audience.AVM, weight=5
    )
    checklist.sections_ = (tech, ipr)
    return checklist


def _options(question):
    return [option.pk for option in question.options.all()]


def _answers(checklist, *, scale=4, yes=True, single=1, multi=(0, 2), avm_yes=None):
    answers = {
        checklist.q_scale.pk: scale,
        checklist.q_yes.pk: yes,
        checklist.q_single.pk: _options(checklist.q_single)[single],
        checklist.q_multi.pk: [_options(checklist.q_multi)[i] for i in multi],
        checklist.q_text.pk: "We fear losing our designs.",
    }
    if avm_yes is not None:
        answers[checklist.q_avm_only.pk] = avm_yes
    return answers


def _submit(checklist, sector="cci", **kwargs):
    answers = kwargs.pop("answers", None) or _answers(checklist)
    return services.checklist_response_submit(
        checklist=checklist,
        sector=sector,
        **{
            "email": "Nora@Studio.example",
            "organisation_name": " Studio Nora ",
            "send_results": True,
            **kwargs,
        },
        consent=True,
        answers=answers,
    )


def test_checklist_response_submit_scores_each_section_by_weight(checklist):
    # Technology: scale 4 of 5 → 0.75 * 3 + yes 1 * 1 = 3.25 of 4 → 81.
    # IPR: single 5/10 → 0.5 * 2 + multi (2 + 5) / 10 → 0.7 * 2 = 2.4 of 4 → 60; text unscored.
    response = _submit(checklist)

    scores = dict(
        ChecklistSectionScore.objects.filter(response=response).values_list(
            "section__title", "score"
        )
    )
    assert (scores, response.total_score) == ({"Technology": 81, "IPR": 60}, 71)


def test_checklist_response_submit_asks_avm_only_questions_to_avm(checklist):
    response = _submit(checklist, sector="avm", answers=_answers(checklist, avm_yes=False))

    tech = ChecklistSectionScore.objects.get(response=response, section__title="Technology")
    # 3.25 of 4 plus the AVM-only "no" with weight 5: 3.25 / 9 → 36.
    assert tech.score == 36


def test_checklist_response_submit_ignores_answers_to_questions_not_asked(checklist):
    response = _submit(checklist, sector="cci", answers=_answers(checklist, avm_yes=True))

    assert (
        ChecklistAnswer.objects.filter(response=response, question=checklist.q_avm_only).count()
        == 0
    )


def test_checklist_response_submit_stores_answers_and_normalises_email(checklist):
    response = _submit(checklist)

    answer = ChecklistAnswer.objects.get(response=response, question=checklist.q_multi)
    assert (
        response.email,
        response.organisation_name,
        sorted(answer.options.values_list("score", flat=True)),
    ) == (
        "nora@studio.example",
        "Studio Nora",
        [2, 5],
    )


def test_checklist_response_submit_online_emails_the_result_link(
    checklist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(checklist)

    (message,) = mail.outbox
    assert (message.to, response.token in message.body) == (["nora@studio.example"], True)


def test_checklist_response_submit_requires_consent(checklist):
    with pytest.raises(ValidationError):
        services.checklist_response_submit(
            checklist=checklist,
            sector="cci",
            email="a@example.org",
            organisation_name="A",
            consent=False,
            answers=_answers(checklist),
        )

    assert ChecklistResponse.objects.count() == 0


def test_checklist_response_submit_rejects_missing_required_answer(checklist):
    answers = _answers(checklist)
    del answers[checklist.q_scale.pk]

    with pytest.raises(ValidationError) as error:
        _submit(checklist, answers=answers)

    assert checklist.q_scale.text in error.value.messages[0]


@pytest.mark.parametrize("value", [0, 6, "4", None])
def test_checklist_response_submit_rejects_invalid_scale_value(checklist, value):
    answers = _answers(checklist)
    answers[checklist.q_scale.pk] = value

    with pytest.raises(ValidationError):
        _submit(checklist, answers=answers)

    assert ChecklistResponse.objects.count() == 0


def test_checklist_response_submit_rejects_option_of_another_question(checklist):
    answers = _answers(checklist)
    answers[checklist.q_single.pk] = _options(checklist.q_multi)[0]

    with pytest.raises(ValidationError):
        _submit(checklist, answers=answers)


def test_checklist_response_submit_online_refused_when_closed(checklist):
    checklist.status = ChecklistStatus.CLOSED
    checklist.save()

    with pytest.raises(ValidationError):
        _submit(checklist)


def test_checklist_response_submit_paper_by_partner_works_when_closed(
    checklist, partner, django_capture_on_commit_callbacks
):
    checklist.status = ChecklistStatus.CLOSED
    checklist.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(
            checklist, source=ResponseSource.PAPER, entered_by=partner, send_results=False
        )

    assert (response.source, response.entered_by, len(mail.outbox)) == ("paper", partner, 0)


def test_checklist_response_submit_paper_refused_for_participant(checklist, cci):
    with pytest.raises(PermissionDenied):
        _submit(checklist, source=ResponseSource.PAPER, entered_by=cci)


def test_checklist_response_submit_rejects_sector_outside_audience(programme):
    checklist = ChecklistFactory(programme=programme, audience=Audience.CCI)
    ChecklistQuestionFactory(section=ChecklistSectionFactory(checklist=checklist))

    with pytest.raises(ValidationError):
        services.checklist_response_submit(
            checklist=checklist,
            sector="avm",
            email="a@example.org",
            organisation_name="A",
            consent=True,
            answers={},
        )


def test_checklist_response_submit_links_existing_account_by_email(checklist, cci):
    response = services.checklist_response_submit(
        checklist=checklist,
        sector="cci",
        email=cci.email.upper(),
        organisation_name="A",
        send_results=True,
        consent=True,
        answers=_answers(checklist),
    )

    assert response.respondent == cci


def test_checklist_question_save_refused_once_answered(checklist, partner):
    _submit(checklist)

    with pytest.raises(ValidationError):
        services.checklist_question_save(
            actor=partner,
            section=checklist.sections_[0],
            text="New?",
            kind=QuestionKind.YES_NO,
            audience=Audience.BOTH,
            weight=1,
            scale_max=5,
            required=True,
            order=9,
        )


def test_checklist_question_save_replaces_options(checklist, partner):
    question = services.checklist_question_save(
        actor=partner,
        section=checklist.sections_[1],
        question=checklist.q_single,
        options=[("Never", 0), ("Always", 10)],
        text="How often?",
        kind=QuestionKind.SINGLE,
        audience=Audience.BOTH,
        weight=2,
        scale_max=5,
        required=True,
        order=0,
    )

    assert list(question.options.values_list("label", "score")) == [("Never", 0), ("Always", 10)]


def test_checklist_question_save_choice_needs_two_options(checklist, partner):
    with pytest.raises(ValidationError):
        services.checklist_question_save(
            actor=partner,
            section=checklist.sections_[1],
            options=[("Only", 1)],
            text="Pick",
            kind=QuestionKind.SINGLE,
            audience=Audience.BOTH,
            weight=1,
            scale_max=5,
            required=True,
            order=0,
        )


def test_checklist_open_needs_a_question(programme, partner):
    checklist = ChecklistFactory(programme=programme, status=ChecklistStatus.DRAFT)

    with pytest.raises(ValidationError):
        services.checklist_open(actor=partner, checklist=checklist)


def test_checklist_close_then_open_again(checklist, partner):
    closed = services.checklist_close(actor=partner, checklist=checklist)
    reopened = services.checklist_open(actor=partner, checklist=closed)

    assert (closed.status, reopened.status) == (ChecklistStatus.CLOSED, ChecklistStatus.OPEN)


def test_checklist_open_refused_for_facilitator(programme):
    facilitator = member(programme, Role.FACILITATOR)
    checklist = ChecklistFactory(programme=programme, status=ChecklistStatus.DRAFT)

    with pytest.raises(PermissionDenied):
        services.checklist_open(actor=facilitator, checklist=checklist)


def test_practice_publish_sets_date_and_status(programme, partner):
    practice = PracticeFactory(
        programme=programme, status=PublicationStatus.DRAFT, published_at=None
    )

    published = services.practice_publish(actor=partner, practice=practice)

    assert (published.status, published.published_at is not None) == ("published", True)


def test_practice_create_bad_practice_needs_lesson(programme, partner):
    with pytest.raises(ValidationError):
        services.practice_create(
            actor=partner,
            programme=programme,
            title="Film nobody used",
            summary="…",
            kind="service",
            level="local",
            assessment=PracticeAssessment.BAD,
            lesson="",
        )

    assert Practice.objects.count() == 0


def test_practice_create_by_other_programmes_partner_is_refused(programme, other_programme):
    outsider = member(other_programme, Role.PARTNER)

    with pytest.raises(PermissionDenied):
        services.practice_create(
            actor=outsider,
            programme=programme,
            title="T",
            summary="S",
            kind="product",
            level="local",
        )


def test_brochure_save_refuses_other_programmes_unshared_practice(
    programme, partner, other_programme
):
    foreign = PracticeFactory(programme=other_programme)

    with pytest.raises(PermissionDenied):
        services.brochure_save(
            actor=partner,
            programme=programme,
            practices=[foreign],
            title="B",
            intro_cci="c",
            intro_avm="a",
        )


def test_brochure_render_reuses_pdf_until_content_changes(programme, partner):
    practice = PracticeFactory(programme=programme, title="Handle family")
    brochure = BrochureFactory(programme=programme, stories=[practice])
    first = services.brochure_render(brochure=brochure)
    brochure.refresh_from_db()
    first_at = brochure.rendered_at

    again = services.brochure_render(brochure=brochure)
    brochure.refresh_from_db()
    unchanged_at = brochure.rendered_at
    services.practice_update(actor=partner, practice=practice, title="Handle family, revised")
    services.brochure_render(brochure=brochure)
    brochure.refresh_from_db()

    assert (again == first, unchanged_at == first_at, brochure.rendered_at > first_at) == (
        True,
        True,
        True,
    )


def test_media_commitment_moves_contacted_committed_published(programme, partner):
    item = services.media_commitment_create(
        actor=partner,
        programme=programme,
        responsible=partner,
        outlet="Kleine Zeitung",
        channel="daily",
        target_group="both",
    )
    item = services.media_commitment_commit(actor=partner, item=item)
    item = services.media_commitment_publish(
        actor=partner,
        item=item,
        link="https://example.org/a",
        published_on=date(2026, 3, 1),
        estimated_reach=1000,
    )

    assert (item.status, item.published_on, item.estimated_reach) == (
        MediaStatus.PUBLISHED,
        date(2026, 3, 1),
        1000,
    )


def test_media_commitment_publish_refused_before_commitment(programme, partner):
    item = MediaCommitmentFactory(programme=programme, responsible=partner)

    with pytest.raises(ValidationError):
        services.media_commitment_publish(
            actor=partner,
            item=item,
            link="https://example.org",
            published_on=date(2026, 1, 1),
            estimated_reach=None,
        )


def test_media_commitment_create_responsible_must_be_partner(programme, partner, cci):
    with pytest.raises(ValidationError):
        services.media_commitment_create(
            actor=partner,
            programme=programme,
            responsible=cci,
            outlet="Blog",
            channel="blog",
            target_group="cci",
        )


def test_info_day_register_guest_gets_confirmation(
    programme, partner, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    event = services.info_day_create(
        actor=partner,
        programme=programme,
        title="Info day",
        format="on_site",
        venue="Hub",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=3),
    )

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.info_day_register(
            event=event,
            name="Nora",
            email="nora@example.org",
            organisation_name="Studio",
            sector=Sector.CCI,
        )

    assert (event.kind, event.registration_mode, registration.status, mail.outbox[0].to) == (
        "info_day",
        "public",
        "confirmed",
        ["nora@example.org"],
    )


def test_brochure_save_prerenders_pdf_after_commit(
    programme, partner, django_capture_on_commit_callbacks
):
    practice = PracticeFactory(programme=programme)

    with django_capture_on_commit_callbacks(execute=True):
        brochure = services.brochure_save(
            actor=partner,
            programme=programme,
            practices=[practice],
            title="Stories",
            intro_cci="c",
            intro_avm="a",
        )

    brochure.refresh_from_db()
    # cover, contents, introduction, the story, contacts
    assert (brochure.pdf_pages, bool(brochure.pdf_fingerprint)) == (5, True)


def test_checklist_response_submit_anonymous_keeps_no_address_and_sends_nothing(
    checklist, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(checklist, email="", organisation_name="", send_results=False)

    assert (response.email, response.organisation_name, response.respondent) == ("", "", None)
    assert response.respondent_label == "Anonymous respondent"
    assert response.total_score is not None
    assert mailoutbox == []


def test_checklist_response_submit_drops_an_address_given_without_asking_for_results(
    checklist, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(checklist, send_results=False)

    assert (response.email, response.send_results) == ("", False)
    assert mailoutbox == []


def test_checklist_response_submit_refuses_sending_results_without_an_address(checklist):
    with pytest.raises(ValidationError) as refused:
        _submit(checklist, email="", send_results=True)

    assert refused.value.message_dict == {
        "email": ["Give an e-mail address to receive the results, or untick the box."]
    }


def test_paper_answers_without_address_or_organisation_are_kept(checklist, partner, mailoutbox):
    response = _submit(
        checklist,
        email="",
        organisation_name="",
        send_results=False,
        source=ResponseSource.PAPER,
        entered_by=partner,
    )

    assert (response.source, response.email, response.organisation_name) == ("paper", "", "")
    assert mailoutbox == []


def test_brochure_is_written_in_the_programmes_first_language_whoever_asks(programme):
    programme.languages = "de,en"
    programme.save(update_fields=["languages"])
    brochure = BrochureFactory(programme=programme, stories=[PracticeFactory(programme=programme)])
    with translation.override("sl"):
        content = services.brochure_render(brochure=brochure)
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "de"
    # The language is part of what the stored file shows: switching it renders again.
    programme.languages = "it"
    programme.save(update_fields=["languages"])
    again = services.brochure_render(brochure=brochure)
    assert PdfReader(io.BytesIO(again)).trailer["/Root"]["/Lang"] == "it"
