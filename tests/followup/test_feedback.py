"""Feedback surveys: services, audience and outbox, one response per person, anonymity,
aggregates against hand-counted figures, page query counts at two sizes, exports read back."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collider import exports, kpis
from collider.enums import EventKind, RegistrationStatus, ReminderState, Role, Sector
from collider.models import Reminder
from collider.services import reminder_sweep
from followup import feedback
from followup.enums import QuestionKind, SurveyAudience, SurveyState, SurveySubject
from followup.feedback import next_steps as feedback_next_steps
from followup.models import Survey, SurveyAnswer, SurveyInvitation, SurveyResponse
from tests.factories import EventFactory, ProgrammeFactory, RegistrationFactory, member

TODAY = timezone.localdate


def _programme_survey(partner, programme, **overrides) -> Survey:
    values = {
        "subject_kind": SurveySubject.PROGRAMME,
        "opens_on": TODAY() - timedelta(days=1),
        "closes_on": TODAY() + timedelta(days=10),
    }
    values.update(overrides)
    return feedback.survey_create(actor=partner, programme=programme, **values)


def _open(partner, programme, **overrides) -> Survey:
    return feedback.survey_open(
        actor=partner, survey=_programme_survey(partner, programme, **overrides)
    )


def _answers(survey, *ratings, text="Fine.") -> dict:
    """Answers in question order: the given ratings for the rating questions, ``text`` for
    every free-text question."""
    values, rating_values = {}, iter(ratings)
    for question in survey.questions.all():
        values[question.pk] = next(rating_values, 3) if question.is_rating else text
    return values


@pytest.fixture
def cci_people(programme):
    return [member(programme, Role.PARTICIPANT, Sector.CCI) for _ in range(4)]


@pytest.fixture
def avm_people(programme):
    return [member(programme, Role.PARTICIPANT, Sector.AVM) for _ in range(2)]


# --- Creating and editing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "ratings", "texts"),
    [(SurveySubject.EVENT, 3, 2), (SurveySubject.TRAINING, 3, 2), (SurveySubject.PROGRAMME, 5, 2)],
)
def test_survey_create_starts_a_draft_with_the_default_questions_of_its_subject(
    programme, partner, kind, ratings, texts
):
    event = None
    if kind != SurveySubject.PROGRAMME:
        event = EventFactory(programme=programme, kind=EventKind.TRAINING_SESSION)
        if kind == SurveySubject.TRAINING:
            _make_training_session(event)

    survey = _programme_survey(partner, programme, subject_kind=kind, event=event)

    kinds = [q.kind for q in survey.questions.all()]
    assert (kinds.count(QuestionKind.RATING), kinds.count(QuestionKind.TEXT)) == (ratings, texts)
    assert survey.state == SurveyState.DRAFT
    expected = f"Feedback on “{event.title}”" if event else f"Programme feedback · {programme.name}"
    assert survey.title == expected


def _make_training_session(event):
    from training.enums import Dimension, ModuleFormat
    from training.models import Module, Session

    module = Module.objects.create(
        programme=event.programme,
        title="Pitching to AVM",
        dimension=Dimension.values[0],
        format=ModuleFormat.values[0],
        description="How to pitch.",
        learning_outcomes="A pitch.",
    )
    return Session.objects.create(event=event, module=module)


def test_training_question_set_leaves_the_overall_rating_to_the_training_app(programme, partner):
    event = EventFactory(programme=programme, kind=EventKind.TRAINING_SESSION)
    _make_training_session(event)

    survey = _programme_survey(partner, programme, subject_kind=SurveySubject.TRAINING, event=event)

    texts = [q.text for q in survey.questions.all()]
    assert not any("overall" in text for text in texts)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject_kind": SurveySubject.EVENT}, "event"),
        ({"subject_kind": SurveySubject.TRAINING, "event": "plain"}, "event"),
        ({"subject_kind": SurveySubject.EVENT, "event": "foreign"}, "event"),
        ({"closes_on": TODAY() - timedelta(days=5)}, "closes_on"),
        ({"audience": "everyone"}, "audience"),
    ],
)
def test_survey_create_refuses_bad_input_and_writes_nothing(programme, partner, overrides, field):
    events = {
        "plain": EventFactory(programme=programme),
        "foreign": EventFactory(programme=ProgrammeFactory()),
    }
    if isinstance(overrides.get("event"), str):
        overrides = {**overrides, "event": events[overrides["event"]]}

    with pytest.raises(ValidationError) as error:
        _programme_survey(partner, programme, **overrides)

    assert field in error.value.message_dict
    assert Survey.objects.count() == 0


def test_survey_create_is_refused_to_a_facilitator(programme):
    facilitator = member(programme, Role.FACILITATOR)

    with pytest.raises(PermissionDenied):
        _programme_survey(facilitator, programme)


def test_survey_update_replaces_the_questions_of_a_draft(programme, partner):
    survey = _programme_survey(partner, programme)

    feedback.survey_update(
        actor=partner,
        survey=survey,
        title="Mid-term check",
        audience=SurveyAudience.AVM,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        anonymous=False,
        questions=[
            {"kind": QuestionKind.TEXT, "text": "  What should change?  ", "required": False},
            {"kind": QuestionKind.RATING, "text": "Overall?", "required": True},
        ],
    )

    survey.refresh_from_db()
    rows = list(survey.questions.values_list("position", "kind", "text", "required"))
    assert rows == [(1, "text", "What should change?", False), (2, "rating", "Overall?", True)]
    assert (survey.title, survey.audience, survey.anonymous) == ("Mid-term check", "avm", False)


def _update_questions(partner, survey, questions):
    feedback.survey_update(
        actor=partner,
        survey=survey,
        title="x",
        audience="both",
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        anonymous=True,
        questions=questions,
    )


def test_survey_update_is_refused_once_open(programme, partner, cci_people):
    survey = _open(partner, programme)
    before = list(survey.questions.values_list("text", flat=True))

    with pytest.raises(ValidationError):
        _update_questions(partner, survey, [{"kind": "text", "text": "New?"}])

    assert list(survey.questions.values_list("text", flat=True)) == before


def test_survey_update_refuses_a_survey_without_questions(programme, partner):
    survey = _programme_survey(partner, programme)

    with pytest.raises(ValidationError):
        _update_questions(partner, survey, [])

    assert survey.questions.count() == 7


# --- Audience, opening and the outbox ---------------------------------------------------------


def test_event_audience_is_confirmed_registrants_not_marked_absent(programme, partner):
    event = EventFactory(programme=programme)
    cci, avm, absent, waiting = (
        member(programme, Role.PARTICIPANT, Sector.CCI),
        member(programme, Role.PARTICIPANT, Sector.AVM),
        member(programme, Role.PARTICIPANT, Sector.CCI),
        member(programme, Role.PARTICIPANT, Sector.AVM),
    )
    RegistrationFactory(event=event, user=cci, attended=True)
    RegistrationFactory(event=event, user=avm)
    RegistrationFactory(event=event, user=absent, attended=False)
    RegistrationFactory(event=event, user=waiting, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=event, user=partner)  # staff are never asked
    RegistrationFactory(event=event, user=None, email="guest@example.org", sector=Sector.CCI)
    survey = _programme_survey(partner, programme, subject_kind=SurveySubject.EVENT, event=event)

    assert feedback.audience_of(survey) == {cci.pk: "cci", avm.pk: "avm"}
    survey.audience = SurveyAudience.AVM
    assert feedback.audience_of(survey) == {avm.pk: "avm"}


def test_survey_open_invites_the_audience_and_schedules_a_reminder_before_close(
    programme, partner, cci_people, avm_people
):
    member(programme, Role.PARTICIPANT, Sector.AVM).memberships.update(status="applied")

    survey = _open(partner, programme)

    invited = dict(survey.invitations.values_list("user_id", "sector"))
    assert invited == {u.pk: "cci" for u in cci_people} | {u.pk: "avm" for u in avm_people}
    rows = Reminder.objects.filter(kind__startswith="followup_feedback")
    assert rows.filter(kind=feedback.INVITATION_KIND).count() == 6
    reminders = rows.filter(kind=feedback.REMINDER_KIND)
    assert reminders.count() == 6
    due = reminders.first().due_at.astimezone(timezone.get_default_timezone())
    assert due.date() == survey.closes_on - timedelta(days=2)


def test_survey_open_refuses_an_empty_audience_and_stays_a_draft(programme, partner):
    survey = _programme_survey(partner, programme, audience=SurveyAudience.AVM)

    with pytest.raises(ValidationError):
        feedback.survey_open(actor=partner, survey=survey)

    survey.refresh_from_db()
    assert (survey.is_draft, survey.invitations.count()) == (True, 0)


def test_invitations_are_mailed_and_the_reminder_skips_those_who_answered(
    programme, partner, cci_people
):
    survey = _open(partner, programme)
    reminder_sweep()
    assert len(mail.outbox) == 4
    link = reverse("followup:feedback_respond", kwargs={"slug": programme.slug, "pk": survey.pk})
    assert link in mail.outbox[0].body
    feedback.response_submit(actor=cci_people[0], survey=survey, answers=_answers(survey, 5))
    mail.outbox.clear()

    reminder_sweep(now=timezone.now() + timedelta(days=9))

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in cci_people[1:])
    assert "closes on" in mail.outbox[0].subject


def test_closing_early_cancels_pending_mail_and_refuses_answers(programme, partner, cci_people):
    survey = _open(partner, programme)

    feedback.survey_close(actor=partner, survey=survey)

    pending = Reminder.objects.filter(
        kind__startswith="followup_feedback", state=ReminderState.PENDING
    )
    assert pending.count() == 0
    with pytest.raises(ValidationError):
        feedback.response_submit(actor=cci_people[0], survey=survey, answers=_answers(survey))
    assert SurveyResponse.objects.count() == 0


# --- Responding -------------------------------------------------------------------------------


def test_one_response_per_person_a_second_submission_replaces_the_first(
    programme, partner, cci_people
):
    survey = _open(partner, programme)
    person = cci_people[0]
    feedback.response_submit(actor=person, survey=survey, answers=_answers(survey, 2, text="A"))

    feedback.response_submit(actor=person, survey=survey, answers=_answers(survey, 5, text="B"))

    response = SurveyResponse.objects.get()
    first = survey.questions.first()
    assert response.answers.get(question=first).rating == 5
    assert sorted(set(response.answers.exclude(text="").values_list("text", flat=True))) == ["B"]
    assert SurveyAnswer.objects.count() == survey.questions.count()


def test_the_database_refuses_a_second_response_row(programme, partner, cci_people):
    survey = _open(partner, programme)
    feedback.response_submit(actor=cci_people[0], survey=survey, answers=_answers(survey))

    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            survey=survey,
            respondent=cci_people[0],
            sector="cci",
            submitted_at=timezone.now(),
            updated_at=timezone.now(),
        )


@pytest.mark.parametrize("bad", ["6", "0", "five", None])
def test_response_submit_refuses_bad_ratings_and_writes_nothing(
    programme, partner, cci_people, bad
):
    survey = _open(partner, programme)
    answers = _answers(survey)
    answers[survey.questions.first().pk] = bad

    with pytest.raises(ValidationError):
        feedback.response_submit(actor=cci_people[0], survey=survey, answers=answers)

    assert (SurveyResponse.objects.count(), SurveyAnswer.objects.count()) == (0, 0)


def test_response_submit_refuses_unknown_questions(programme, partner, cci_people):
    survey = _open(partner, programme)
    answers = {**_answers(survey), 999_999: 5}

    with pytest.raises(ValidationError):
        feedback.response_submit(actor=cci_people[0], survey=survey, answers=answers)


def test_only_invited_people_may_answer(programme, partner, cci_people):
    survey = _open(partner, programme)
    latecomer = member(programme, Role.PARTICIPANT, Sector.CCI)

    with pytest.raises(PermissionDenied):
        feedback.response_submit(actor=latecomer, survey=survey, answers=_answers(survey))


@pytest.mark.rendered
def test_respond_page_shows_the_previous_answers_and_updates_them(
    client, programme, partner, cci_people
):
    survey = _open(partner, programme)
    person = cci_people[0]
    feedback.response_submit(actor=person, survey=survey, answers=_answers(survey, 2))
    client.force_login(person)
    url = reverse("followup:feedback_respond", kwargs={"slug": programme.slug, "pk": survey.pk})
    first = survey.questions.first()

    page = client.get(url)
    data = {f"q{pk}": value for pk, value in _answers(survey, 4).items()}
    posted = client.post(url, data)

    assert page.context["form"][f"q{first.pk}"].initial == 2
    assert posted.status_code == 302
    assert SurveyAnswer.objects.get(question=first).rating == 4


@pytest.mark.rendered
def test_respond_page_answers_bad_input_with_400_and_a_message(
    client, programme, partner, cci_people
):
    survey = _open(partner, programme)
    client.force_login(cci_people[0])
    url = reverse("followup:feedback_respond", kwargs={"slug": programme.slug, "pk": survey.pk})
    first = survey.questions.first()

    response = client.post(url, {f"q{first.pk}": "9"})

    assert response.status_code == 400
    assert response.context["form"].errors[f"q{first.pk}"]
    assert SurveyResponse.objects.count() == 0


def test_respond_page_of_a_closed_survey_refuses_changes(client, programme, partner, cci_people):
    survey = _open(partner, programme)
    feedback.response_submit(actor=cci_people[0], survey=survey, answers=_answers(survey, 2))
    feedback.survey_close(actor=partner, survey=survey)
    client.force_login(cci_people[0])
    url = reverse("followup:feedback_respond", kwargs={"slug": programme.slug, "pk": survey.pk})

    response = client.post(url, {f"q{survey.questions.first().pk}": "5"})

    assert response.status_code == 400
    assert "This survey is closed" in response.content.decode()
    assert SurveyAnswer.objects.get(question=survey.questions.first()).rating == 2


def test_next_steps_ask_the_invited_until_they_answer(programme, partner, cci_people):
    survey = _open(partner, programme)
    person = cci_people[0]

    def steps():
        person.__dict__.pop("_followup_surveys_awaiting", None)
        return [
            step.title
            for step in feedback_next_steps.next_steps(
                user=person, programme=programme, roles={Role.PARTICIPANT}
            )
        ]

    before = steps()
    feedback.response_submit(actor=person, survey=survey, answers=_answers(survey))

    assert before == [f"Give your feedback: {survey.title}"]
    assert steps() == []


# --- Results, anonymity, query counts ---------------------------------------------------------


@pytest.fixture
def answered(programme, partner, cci_people, avm_people):
    """An open survey: three CCI answer the first rating question 5, 4, 4 and two AVM 2, 3."""
    survey = _open(partner, programme)
    for person, rating in zip(cci_people[:3] + avm_people, (5, 4, 4, 2, 3), strict=True):
        feedback.response_submit(
            actor=person,
            survey=survey,
            answers=_answers(survey, rating, text=f"Text from {person.display_name}"),
        )
    return survey


def test_results_match_hand_counted_averages_distributions_and_rates(answered):
    results = feedback.survey_results(survey=answered)

    first = results.questions[0]
    assert first.sectors["cci"].counts == [0, 0, 0, 2, 1]
    assert first.sectors["avm"].counts == [0, 1, 1, 0, 0]
    assert first.overall.counts == [0, 1, 1, 2, 1]
    assert first.sectors["cci"].mean == pytest.approx(13 / 3)
    assert first.sectors["avm"].mean == pytest.approx(2.5)
    assert first.overall.mean == pytest.approx(3.6)
    assert [(r["key"], r["invited"], r["responded"], r["percent"]) for r in results.rates] == [
        ("cci", 4, 3, 75),
        ("avm", 2, 2, 100),
        ("all", 6, 5, 83),
    ]
    text = next(q for q in results.questions if not q.question.is_rating)
    assert (text.text_counts, len(text.texts)) == ({"cci": 3, "avm": 2}, 5)


def test_results_chart_bars_are_as_wide_as_the_shares(answered):
    chart = feedback.survey_results(survey=answered).questions[0].chart

    cci = next(bar for bar in chart["bars"] if bar["key"] == "cci")
    widths = {s["rating"]: s["width"] for s in cci["segments"]}
    assert widths == {
        4: round(feedback.CHART_WIDTH * 2 / 3, 2),
        5: round(feedback.CHART_WIDTH / 3, 2),
    }
    assert cci["mean"] == "4.3"


def test_results_page_of_an_anonymous_survey_shows_no_names(client, programme, partner, answered):
    client.force_login(partner)
    url = reverse("followup:feedback_results", kwargs={"slug": programme.slug, "pk": answered.pk})

    page = client.get(url).content.decode()

    names = [r.respondent.display_name for r in answered.responses.select_related("respondent")]
    assert all(f"Text from {name}" in page for name in names)  # the answers are there …
    assert [name for name in names if f"{name}</span>" in page] == []  # … never a name tag
    assert "<svg" in page and 'data-sector="avm"' in page


def test_results_page_of_a_named_survey_shows_names(client, programme, partner, answered):
    Survey.objects.filter(pk=answered.pk).update(anonymous=False)
    client.force_login(partner)
    url = reverse("followup:feedback_results", kwargs={"slug": programme.slug, "pk": answered.pk})

    page = client.get(url).content.decode()

    person = answered.responses.select_related("respondent").first().respondent
    assert f"{person.display_name}</span>" in page


def _grow(survey, programme, n):
    for index in range(n):
        sector = Sector.CCI if index % 2 else Sector.AVM
        person = member(programme, Role.PARTICIPANT, sector)
        SurveyInvitation.objects.create(
            survey=survey, user=person, sector=sector, invited_at=timezone.now()
        )
        feedback.response_submit(
            actor=person, survey=survey, answers=_answers(survey, 1 + index % 5)
        )


@pytest.mark.parametrize("url_name", ["feedback_results", "feedback_answers", "feedback_list"])
def test_survey_pages_query_count_does_not_grow_with_responses(
    client, programme, partner, answered, url_name
):
    client.force_login(partner)
    kwargs = {"slug": programme.slug}
    if url_name != "feedback_list":
        kwargs["pk"] = answered.pk
    url = reverse(f"followup:{url_name}", kwargs=kwargs)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(answered, programme, 12)
    for _ in range(3):
        _open(partner, programme)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200

    assert len(large) == len(small)


# --- Exports and the indicator ----------------------------------------------------------------


def test_survey_export_reads_back_as_csv_without_names_when_anonymous(
    client, programme, partner, answered
):
    client.force_login(partner)
    url = reverse(
        "followup:feedback_export", kwargs={"slug": programme.slug, "pk": answered.pk, "fmt": "csv"}
    )

    body = client.get(url).content.decode("utf-8-sig")

    rows = list(csv.DictReader(io.StringIO(body)))
    first = f"1. {answered.questions.first().text}"
    assert len(rows) == 5
    assert sorted(int(r[first]) for r in rows) == [2, 3, 4, 4, 5]
    assert sorted(r["Sector"] for r in rows) == [
        "AVM side",
        "AVM side",
        "CCI side",
        "CCI side",
        "CCI side",
    ]
    assert {r["Name"] for r in rows} == {""} and {r["E-mail"] for r in rows} == {""}


def test_programme_export_reads_back_as_xlsx_with_names_when_named(programme, partner, answered):
    Survey.objects.filter(pk=answered.pk).update(anonymous=False)

    dataset = exports.export_get("feedback")
    body = exports.render(dataset, programme, {}, "xlsx")

    assert dataset.count(programme, {}) == 5 * answered.questions.count()
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:6] == ("Survey", "About", "Event", "Question", "Answer type", "Sector")
    assert len(body) == 5 * answered.questions.count()
    emails = {row[header.index("E-mail")] for row in body}
    assert emails == {r.respondent.email for r in answered.responses.select_related("respondent")}
    first = answered.questions.first().text
    ratings = sorted(row[header.index("Rating")] for row in body if row[3] == first)
    assert ratings == [2, 3, 4, 4, 5]


def test_kpi_counts_responses_submitted_in_the_period(programme, answered):
    kpi = kpis.kpi_get("feedback.responses")
    today = TODAY()

    assert kpi.fn(programme, today, today) == 5
    assert kpi.fn(programme, today - timedelta(days=30), today - timedelta(days=1)) == 0


def test_views_refuse_editing_an_open_survey_with_400(client, programme, partner, answered):
    client.force_login(partner)
    url = reverse("followup:feedback_edit", kwargs={"slug": programme.slug, "pk": answered.pk})

    response = client.post(url, {"title": "New title"})

    assert response.status_code == 400
    assert "can no longer change" in response.content.decode()
    answered.refresh_from_db()
    assert answered.title != "New title"


def test_demo_builds_one_closed_programme_survey_answered_by_both_sectors(demo_loaded, tmp_path):
    from django.core.management import call_command

    from collider.demo import DEMO_SLUG

    with open(tmp_path / "out.txt", "w") as out:
        call_command("load_demo", stdout=out)

    survey = Survey.objects.get(programme__slug=DEMO_SLUG)
    results = feedback.survey_results(survey=survey)
    rates = {rate["key"]: (rate["responded"], rate["invited"]) for rate in results.rates}
    assert (survey.subject_kind, survey.state, survey.anonymous) == ("programme", "closed", True)
    assert rates["cci"][0] == 12 and rates["avm"][0] == 6
    assert all(q.overall.n == 18 for q in results.questions if q.question.is_rating)
    # Nothing was mailed for a survey that closed before the demo was loaded.
    assert not Reminder.objects.filter(
        kind__startswith="followup_feedback", state=ReminderState.SENT
    ).exists()
