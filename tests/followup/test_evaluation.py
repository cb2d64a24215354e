"""The tandem's joint evaluation: who writes and confirms, cleared confirmations, the frozen KPI
snapshot, the PDF, the next steps and the report."""

from __future__ import annotations

import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from collider.enums import Role
from collider.versioning import version_of
from followup import services
from followup.evaluation import (
    evaluation_confirm,
    evaluation_kpi_rows,
    evaluation_save,
)
from followup.models import JointEvaluation
from followup.next_steps import evaluation_story_steps
from followup.pdf import report_context
from followup.selectors import kpi_rows
from tests.editing import edit_in_two_tabs, refusal
from tests.factories import EventFactory, UserFactory, member
from tests.tandems.factories import TandemPartnerFactory, partner_staff

from .factories import ReportingPeriodFactory

TEXT = {
    "strengths": "Quick decisions in the weekly call.",
    "weaknesses": "Minutes came late.",
    "challenges": "Recruiting AVM companies for the workshop.",
    "lessons": "Book the venue three months ahead.",
}


@pytest.fixture
def tandem(programme):
    hub = TandemPartnerFactory(programme=programme, is_lead=True)
    cluster = TandemPartnerFactory(programme=programme, role="bso")
    return hub, cluster, partner_staff(hub), partner_staff(cluster)


@pytest.fixture
def period(programme, tandem):
    period = ReportingPeriodFactory(programme=programme, name="Year one")
    services.period_targets_set(actor=tandem[2], period=period, targets={"events.total": 38})
    return period


def _value(rows, key):
    return next(row.value for row in rows if row.key == key)


def test_both_partners_confirm_and_the_kpis_freeze_even_after_new_records(
    programme, tandem, period, evidence
):
    _hub, _cluster, hub_person, cluster_person = tandem
    EventFactory(programme=programme)
    evaluation, cleared = evaluation_save(actor=hub_person, period=period, **TEXT)

    evaluation_confirm(actor=hub_person, evaluation=evaluation)
    evaluation.refresh_from_db()
    assert (evaluation.is_final, cleared) == (False, 0)
    evaluation = evaluation_confirm(actor=cluster_person, evaluation=evaluation)

    assert evaluation.is_final
    frozen = evaluation.kpi_snapshot
    assert next(r for r in frozen if r["key"] == "events.total") == {
        "key": "events.total",
        "label": "Events organised",
        "unit": "count",
        "computed": 1,
        "correction": 0,
        "target": 38,
        "value": 1,
        "progress": 2,
        "additive": True,
        "help": "",
    }
    # New records and a correction change the live figures, not the frozen ones.
    EventFactory(programme=programme)
    services.kpi_correction_add(
        actor=hub_person,
        period=period,
        key="events.total",
        delta=3,
        reason="Paper list",
        evidence=evidence(),
    )
    evaluation.refresh_from_db()
    assert _value(kpi_rows(period=period), "events.total") == 5
    assert _value(evaluation_kpi_rows(evaluation, period), "events.total") == 1
    assert evaluation.kpi_snapshot == frozen


def test_edit_after_a_confirmation_clears_it(tandem, period):
    _hub, _cluster, hub_person, cluster_person = tandem
    evaluation, _ = evaluation_save(actor=hub_person, period=period, **TEXT)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)

    evaluation, cleared = evaluation_save(
        actor=cluster_person, period=period, **{**TEXT, "lessons": "Book it four months ahead."}
    )
    evaluation = evaluation_confirm(actor=cluster_person, evaluation=evaluation)

    assert cleared == 1
    assert not evaluation.is_final
    assert list(evaluation.confirmations.values_list("partner__role", flat=True)) == ["bso"]


def test_saving_the_same_text_keeps_the_confirmations(tandem, period):
    hub_person = tandem[2]
    evaluation, _ = evaluation_save(actor=hub_person, period=period, **TEXT)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)

    _evaluation, cleared = evaluation_save(actor=hub_person, period=period, **TEXT)

    assert (cleared, evaluation.confirmations.count()) == (0, 1)


def test_who_may_write_and_confirm(programme, tandem, period):
    hub_person = tandem[2]
    participant = member(programme, Role.PARTICIPANT)
    admin = UserFactory(is_superuser=True, is_staff=True)
    loose_partner = member(programme, Role.PARTNER)  # a partner member of no partner organisation
    with pytest.raises(PermissionDenied):
        evaluation_save(actor=participant, period=period, **TEXT)
    evaluation, _ = evaluation_save(actor=admin, period=period, **TEXT)

    for outsider in (admin, loose_partner, participant):
        with pytest.raises(PermissionDenied):
            evaluation_confirm(actor=outsider, evaluation=evaluation)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)
    with pytest.raises(ValidationError, match="confirmed this evaluation already"):
        evaluation_confirm(actor=partner_staff(tandem[0]), evaluation=evaluation)
    assert evaluation.confirmations.count() == 1


def test_bad_input_is_refused_and_nothing_is_written(tandem, period):
    hub_person, cluster_person = tandem[2], tandem[3]
    with pytest.raises(ValidationError) as error:
        evaluation_save(actor=hub_person, period=period, **{**TEXT, "strengths": "x" * 5001})
    assert list(error.value.message_dict) == ["strengths"]
    assert not JointEvaluation.objects.filter(period=period).exists()

    evaluation, _ = evaluation_save(actor=hub_person, period=period, **{**TEXT, "lessons": " "})
    with pytest.raises(ValidationError, match="Fill in every section"):
        evaluation_confirm(actor=hub_person, evaluation=evaluation)

    evaluation, _ = evaluation_save(actor=hub_person, period=period, **TEXT)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)
    evaluation_confirm(actor=cluster_person, evaluation=evaluation)
    with pytest.raises(ValidationError, match="final"):
        evaluation_save(actor=hub_person, period=period, **{**TEXT, "lessons": "Changed"})
    evaluation.refresh_from_db()
    assert evaluation.lessons == TEXT["lessons"]


def test_page_says_that_an_edit_cleared_the_confirmations(client, programme, tandem, period):
    hub_person, cluster_person = tandem[2], tandem[3]
    evaluation, _ = evaluation_save(actor=hub_person, period=period, **TEXT)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)
    client.force_login(cluster_person)
    url = reverse("followup:evaluation", kwargs={"slug": programme.slug, "pk": period.pk})

    response = client.post(
        url, {**TEXT, "weaknesses": "Minutes came very late.", "based_on": version_of(evaluation)}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The evaluation is saved.",
        "The text changed, so 1 confirmation was cleared: every partner organisation "
        "confirms it again.",
    ]
    page = client.get(url).content.decode()
    assert "not confirmed yet" in page and "Confirm for" in page


def test_confirm_view_finalises_and_refuses_the_admin(client, programme, tandem, period):
    hub_person, cluster_person = tandem[2], tandem[3]
    evaluation_save(actor=hub_person, period=period, **TEXT)
    url = reverse("followup:evaluation_confirm", kwargs={"slug": programme.slug, "pk": period.pk})
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    refused = client.post(url)
    for person in (hub_person, cluster_person):
        client.force_login(person)
        client.post(url)

    period.evaluation.refresh_from_db()
    assert [str(m) for m in get_messages(refused.wsgi_request)] == [
        "Only staff of the tandem's partner organisations can confirm the evaluation."
    ]
    assert period.evaluation.is_final


def test_evaluation_pdf_reads_back_with_text_confirmations_and_chart(
    client, programme, tandem, period
):
    hub_person, cluster_person = tandem[2], tandem[3]
    EventFactory(programme=programme)
    evaluation, _ = evaluation_save(actor=hub_person, period=period, **TEXT)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)
    evaluation_confirm(actor=cluster_person, evaluation=evaluation)
    client.force_login(cluster_person)

    response = client.get(
        reverse("followup:evaluation_pdf", kwargs={"slug": programme.slug, "pk": period.pk})
    )

    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert response["Content-Type"] == "application/pdf"
    assert "Joint evaluation of the tandem" in text
    assert "Final: confirmed by every partner organisation" in text
    assert TEXT["lessons"] in text
    assert f"{tandem[1].organisation.name} — confirmed by {cluster_person.display_name}" in text
    assert "Events organised 1 — 1 38 2 %" in text
    assert "1 / 38" in text  # the chart's bar label, drawn as SVG text


def test_next_steps_ask_the_partner_that_has_not_confirmed(programme, tandem, period):
    hub_person, cluster_person = tandem[2], tandem[3]
    evaluation, _ = evaluation_save(actor=hub_person, period=period, **TEXT)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)

    def titles(user):
        return [
            s.title
            for s in evaluation_story_steps(user=user, programme=programme, roles={"partner"})
        ]

    assert titles(hub_person) == []
    assert titles(cluster_person) == ["Confirm the joint evaluation of “Year one”"]


def test_report_shows_the_final_evaluation_beside_the_live_figures(
    client, programme, tandem, period
):
    hub_person, cluster_person = tandem[2], tandem[3]
    evaluation, _ = evaluation_save(actor=hub_person, period=period, **TEXT)
    evaluation_confirm(actor=hub_person, evaluation=evaluation)
    evaluation_confirm(actor=cluster_person, evaluation=evaluation)
    EventFactory(programme=programme)  # after the evaluation is final

    context = report_context(programme)
    client.force_login(hub_person)
    response = client.get(reverse("followup:report_pdf", kwargs={"slug": programme.slug}))

    entry = context["periods"][0]
    assert entry["evaluation"] == evaluation
    # The period's figures follow the records; the evaluation keeps what was signed off.
    assert [bar["value"] for bar in entry["chart"]["bars"]] == [1]
    assert [(row.key, row.value, row.target) for row in entry["frozen"]] == [
        ("events.total", 0, 38)
    ]
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert "Joint evaluation of the tandem" in text
    assert TEXT["challenges"] in text
    assert "1 / 38" in text  # the chart of the period
    assert (
        "KPI values frozen with the evaluation Indicator Value Target Progress "
        "Events organised 0 38 0 %"
    ) in text


@pytest.mark.rendered
def test_evaluation_edit_from_a_stale_tab_is_refused_and_keeps_the_newer_text(
    programme, tandem, period
):
    hub_person, cluster_person = tandem[2], tandem[3]
    evaluation_save(actor=hub_person, period=period, **TEXT)

    saved, refused = edit_in_two_tabs(
        reverse("followup:evaluation", kwargs={"slug": programme.slug, "pk": period.pk}),
        a=hub_person,
        b=cluster_person,
        change_a={"lessons": "Agree the agenda a week ahead."},
        change_b={"strengths": "Written in an old tab."},
    )

    period.evaluation.refresh_from_db()
    assert (saved.status_code, refusal(refused)) == (302, (400, True, True))
    assert (period.evaluation.lessons, period.evaluation.strengths) == (
        "Agree the agenda a week ahead.",
        TEXT["strengths"],
    )


@pytest.mark.rendered
def test_evaluation_first_text_from_two_tabs_keeps_the_first_one(programme, tandem, period):
    hub_person, cluster_person = tandem[2], tandem[3]

    saved, refused = edit_in_two_tabs(
        reverse("followup:evaluation", kwargs={"slug": programme.slug, "pk": period.pk}),
        a=hub_person,
        b=cluster_person,
        change_a=TEXT,
        change_b={**TEXT, "lessons": "Written at the same time."},
    )

    assert (saved.status_code, refusal(refused)) == (302, (400, True, True))
    assert JointEvaluation.objects.get(period=period).lessons == TEXT["lessons"]


def test_partners_are_asked_to_confirm_and_reminded_until_they_do(
    tandem, period, mailoutbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from collider.services import reminder_sweep

    _hub, _cluster, hub_person, cluster_person = tandem

    def about_it():
        return [(m.to[0], m.subject) for m in mailoutbox if "joint evaluation" in m.subject]

    with django_capture_on_commit_callbacks(execute=True):
        evaluation, _cleared = evaluation_save(actor=hub_person, period=period, **TEXT)
    asked = about_it()
    evaluation_confirm(actor=hub_person, evaluation=evaluation)
    mailoutbox.clear()
    reminder_sweep(now=timezone.now() + timedelta(days=3, minutes=1))
    reminded = about_it()
    evaluation_confirm(
        actor=cluster_person, evaluation=JointEvaluation.objects.get(pk=evaluation.pk)
    )
    mailoutbox.clear()
    reminder_sweep(now=timezone.now() + timedelta(days=8))

    assert asked == [
        (
            cluster_person.email,
            "[Collider] [Action required] Confirm the joint evaluation of “Year one”",
        )
    ]
    assert reminded == [
        (
            cluster_person.email,
            "[Collider] [Action required] Reminder: confirm the joint evaluation of “Year one”",
        )
    ]
    assert about_it() == []
