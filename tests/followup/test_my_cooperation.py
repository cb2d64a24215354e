""" "My cooperation" (issue 16 item 3): the participants' own page, the evidence they give, the
check-ins they answer once due; and the participants' steps declared as actions (issue 15)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from collider.enums import Role, Sector
from collider.models import ActivityEntry, Membership
from collider.services import reminder_sweep
from followup import services
from followup.actions import CHECKIN_ANSWER, MILESTONE_EVIDENCE
from followup.enums import Anchor, CheckInSide, Outcome
from followup.models import CheckIn, Milestone
from tests.factories import OrganisationFactory, member
from tests.service_actions import check_services

from .factories import make_checkins_due

pytestmark = pytest.mark.django_db


def _url(programme, name="followup:my_cooperation", **kwargs):
    return reverse(name, kwargs={"slug": programme.slug, **kwargs})


def _colleague(programme, organisation, sector=Sector.CCI):
    """A participant who takes part for ``organisation`` (not the cooperation's contact)."""
    person = member(programme, Role.PARTICIPANT, sector)
    Membership.objects.filter(user=person, programme=programme).update(organisation=organisation)
    return person


@pytest.mark.rendered
def test_my_cooperation_lists_the_cooperations_of_my_organisation_only(
    client, programme, partner, pair
):
    colleague = _colleague(programme, pair.cci_organisation)
    stranger = _colleague(programme, OrganisationFactory(name="Other Studio"))
    services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )

    seen = {}
    for name, person in (("contact", pair.avm_contact), ("colleague", colleague), ("x", stranger)):
        client.force_login(person)
        response = client.get(_url(programme))
        seen[name] = [e["cooperation"].title for e in response.context["entries"]]

    assert seen == {
        "contact": ["Sensor housing redesign"],
        "colleague": ["Sensor housing redesign"],
        "x": [],
    }
    client.force_login(colleague)
    page = client.get(_url(programme)).content.decode()
    assert "Prototype" in page and "Upload the evidence" in page


def test_partner_is_not_a_participant_of_my_cooperation(client, programme, partner):
    client.force_login(partner)

    response = client.get(_url(programme))

    assert response.status_code == 403


@pytest.mark.rendered
def test_participant_uploads_milestone_evidence_through_the_one_validator(
    client, programme, partner, pair, evidence
):
    milestone = services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )
    client.force_login(pair.cci_contact)
    url = _url(programme, "followup:milestone_evidence", pk=milestone.pk)

    refused = client.post(url, {"evidence_file": evidence(name="notes.exe", content=b"MZ..")})
    done = client.post(url, {"evidence_file": evidence()}, follow=True)

    milestone.refresh_from_db()
    assert (
        refused.status_code,
        "evidence_file" in refused.context["evidence_form"].errors,
        done.status_code,
        milestone.is_done,
        milestone.evidence_file.name.endswith(".pdf"),
        ActivityEntry.objects.filter(action="followup.milestone_evidence").count(),
    ) == (400, True, 200, True, True, 1)
    assert "Thank you: the milestone is done and its evidence is kept." in done.content.decode()


def test_milestone_of_another_organisation_is_404(client, programme, partner, pair):
    milestone = services.milestone_add(
        actor=partner, cooperation=pair, title="Prototype", due_on=timezone.localdate()
    )
    stranger = _colleague(programme, OrganisationFactory(name="Other Studio"))
    client.force_login(stranger)

    response = client.post(
        _url(programme, "followup:milestone_evidence", pk=milestone.pk),
        {"evidence_link": "https://example.org/proof"},
    )

    assert (response.status_code, Milestone.objects.get(pk=milestone.pk).is_done) == (404, False)


@pytest.mark.rendered
def test_check_in_before_it_is_due_says_when_it_opens_and_refuses_an_answer(
    client, programme, partner, pair
):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    checkin = CheckIn.objects.get(side="cci", months=1)
    client.force_login(pair.cci_contact)
    url = _url(programme, "followup:checkin_answer", pk=checkin.pk)

    page = client.get(url)
    early = client.post(url, {"outcome": Outcome.KNOWLEDGE})
    mine = client.get(_url(programme)).content.decode()

    checkin.refresh_from_db()
    assert (
        page.context["not_yet"].startswith("This check-in opens on"),
        early.status_code,
        early.context["form"].non_field_errors()[0].startswith("This check-in opens on"),
        checkin.is_answered,
        "Answer the check-in" in mine,
        "opens on" in mine,
    ) == (True, 400, True, False, False, True)


def test_due_check_in_is_answered_from_my_cooperation(client, programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due(months=1)
    checkin = CheckIn.objects.get(side="avm", months=1)
    client.force_login(pair.avm_contact)

    mine = client.get(_url(programme)).content.decode()
    client.post(
        _url(programme, "followup:checkin_answer", pk=checkin.pk),
        {"outcome": Outcome.GOALS_MET, "comment": "Delivered."},
    )

    checkin.refresh_from_db()
    assert ("Answer the check-in" in mine, checkin.outcome) == (True, Outcome.GOALS_MET)
    assert ActivityEntry.objects.filter(action="followup.checkin_answer").count() == 1


def test_check_in_e_mail_says_action_required(partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")

    reminder_sweep(now=timezone.now() + timedelta(days=31))

    assert mail.outbox[0].subject == (
        "[Collider] [Action required] How is “Sensor housing redesign” going? (1-month check-in)"
    )


def test_check_in_answer_follows_its_declaration(programme, partner, pair):
    n = iter(range(1, 100))

    def make(state):
        due = {"due": -1, "not_due": 5}[state]
        return CheckIn.objects.create(
            cooperation=pair,
            anchor=Anchor.MEETING,
            months=next(n),
            side=CheckInSide.CCI,
            respondent=pair.cci_contact,
            due_at=timezone.now() + timedelta(days=due),
        )

    calls = check_services(
        [CHECKIN_ANSWER],
        states=["due", "not_due"],
        make=make,
        roles={"respondent": pair.cci_contact, "other side": pair.avm_contact, "partner": partner},
        data={"answer": {"outcome": Outcome.KNOWLEDGE}},
    )

    assert calls == 6


def test_milestone_evidence_follows_its_declaration(programme, partner, pair):
    colleague = _colleague(programme, pair.avm_organisation, Sector.AVM)
    stranger = _colleague(programme, OrganisationFactory(name="Other Studio"))
    n = iter(range(100))

    def make(state):
        milestone = services.milestone_add(
            actor=partner, cooperation=pair, title=f"M{next(n)}", due_on=timezone.localdate()
        )
        if state == "done":
            services.milestone_done(
                actor=partner, milestone=milestone, evidence_link="https://example.org/x"
            )
        return Milestone.objects.get(pk=milestone.pk)

    calls = check_services(
        [MILESTONE_EVIDENCE],
        states=["open", "done"],
        make=make,
        roles={
            "cci contact": pair.cci_contact,
            "avm colleague": colleague,
            "stranger": stranger,
            "partner": partner,
        },
        data={"evidence": {"evidence_link": "https://example.org/proof"}},
    )

    assert calls == 8


def test_dashboard_asks_the_parties_for_milestones_due_within_two_weeks(programme, partner, pair):
    from followup.next_steps import my_cooperation_steps

    today = timezone.localdate()
    for title, days in (("Prototype", 3), ("Film", 30)):
        services.milestone_add(
            actor=partner, cooperation=pair, title=title, due_on=today + timedelta(days=days)
        )
    stranger = _colleague(programme, OrganisationFactory(name="Other Studio"))

    def titles(person, roles=("participant",)):
        return [
            (step.title, step.url)
            for step in my_cooperation_steps(user=person, programme=programme, roles=roles)
        ]

    mine = _url(programme)
    assert titles(pair.cci_contact) == [("Deliver “Prototype” and upload the evidence", mine)]
    assert (titles(stranger), titles(partner, roles=("partner",))) == ([], [])
