from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collider.cached import cached_many
from followup import services
from followup.models import CheckIn
from followup.next_steps import attention_scope, next_steps


def test_due_check_in_is_a_next_step_for_its_respondent_only(programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    CheckIn.objects.filter(months=1).update(due_at=timezone.now() - timedelta(minutes=1))
    checkin = CheckIn.objects.get(months=1, side="cci")

    steps = next_steps(user=pair.cci_contact, programme=programme, roles={"participant"})
    partner_steps = next_steps(user=partner, programme=programme, roles={"partner"})

    assert [(s.title, s.url) for s in steps] == [
        (
            "Answer the check-in on “Sensor housing redesign”",
            reverse("followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk}),
        )
    ]
    assert partner_steps == []


def test_check_in_not_yet_due_is_no_next_step(programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")

    steps = next_steps(user=pair.cci_contact, programme=programme, roles={"participant"})

    assert steps == []


def test_dashboard_shows_the_due_check_in(client, programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    CheckIn.objects.filter(months=1).update(due_at=timezone.now() - timedelta(minutes=1))
    client.force_login(pair.avm_contact)

    response = client.get(reverse("dashboard"))

    assert "Answer the check-in on “Sensor housing redesign”" in response.content.decode()


def _attention(partner, programme):
    return [s.title for s in next_steps(user=partner, programme=programme, roles={"partner"})]


def test_partner_is_told_of_overdue_milestones_and_sides_that_disagree(programme, partner, pair):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    services.milestone_add(
        actor=partner,
        cooperation=pair,
        title="Prototype",
        due_on=timezone.localdate() - timedelta(days=2),
    )
    services.milestone_add(
        actor=partner,
        cooperation=pair,
        title="Film",
        due_on=timezone.localdate() + timedelta(days=9),
    )
    CheckIn.objects.filter(months=1).update(due_at=timezone.now() - timedelta(minutes=1))
    cci = CheckIn.objects.get(months=1, side="cci")
    avm = CheckIn.objects.get(months=1, side="avm")
    services.checkin_answer(actor=cci.respondent, checkin=cci, outcome="valuable_contact")
    assert _attention(partner, programme) == ["1 cooperation has an overdue milestone"]

    services.checkin_answer(actor=avm.respondent, checkin=avm, outcome="no_contact")
    del partner._followup_attention  # the cache lives for one request

    assert _attention(partner, programme) == [
        "1 cooperation has an overdue milestone",
        "In 1 cooperation the two sides disagree",
    ]
    # Participants are not asked to look after the programme's cooperations.
    assert next_steps(user=pair.cci_contact, programme=programme, roles={"participant"}) == []


def test_a_completed_cooperation_needs_no_attention(programme, partner, pair):
    services.milestone_add(
        actor=partner,
        cooperation=pair,
        title="Prototype",
        due_on=timezone.localdate() - timedelta(days=2),
    )
    pair.stage = "completed"
    pair.save(update_fields=["stage"])

    assert _attention(partner, programme) == []


# --- The partners' "needs attention" counts, cached per programme


def _fresh(user):
    """The same person as a new request sees them: nothing cached on the user object."""
    return type(user).objects.get(pk=user.pk)


def _overdue_milestone(partner, pair):
    return services.milestone_add(
        actor=partner,
        cooperation=pair,
        title="Prototype",
        due_on=timezone.localdate() - timedelta(days=2),
    )


def test_attention_is_counted_once_until_a_row_of_the_programme_changes(programme, partner, pair):
    _overdue_milestone(partner, pair)
    assert _attention(_fresh(partner), programme) == ["1 cooperation has an overdue milestone"]

    with CaptureQueriesContext(connection) as queries:
        titles = _attention(_fresh(partner), programme)

    assert titles == ["1 cooperation has an overdue milestone"]
    counted = [
        q["sql"] for q in queries.captured_queries if 'FROM "followup_cooperation"' in q["sql"]
    ]
    assert counted == []


def test_attention_is_recounted_after_a_milestone_is_added_done_or_deleted(
    programme, partner, pair, evidence
):
    assert _attention(_fresh(partner), programme) == []

    milestone = _overdue_milestone(partner, pair)
    assert _attention(_fresh(partner), programme) == ["1 cooperation has an overdue milestone"]

    services.milestone_done(actor=partner, milestone=milestone, evidence_link="https://x.example")
    assert _attention(_fresh(partner), programme) == []

    _overdue_milestone(partner, pair).delete()
    assert _attention(_fresh(partner), programme) == []


def test_attention_is_recounted_after_the_cooperation_moves(programme, partner, pair):
    _overdue_milestone(partner, pair)
    assert _attention(_fresh(partner), programme) == ["1 cooperation has an overdue milestone"]

    services.cooperation_stop(actor=partner, cooperation=pair, note="Budget cut")

    assert _attention(_fresh(partner), programme) == []


def test_attention_counted_on_an_earlier_day_is_counted_again(programme, partner, pair):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    scopes = {programme.pk: attention_scope(programme.pk)}
    cached_many(scopes, yesterday, lambda missing: dict.fromkeys(missing, (7, 7)))

    assert _attention(_fresh(partner), programme) == []
