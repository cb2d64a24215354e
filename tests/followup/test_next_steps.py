from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from followup import services
from followup.models import CheckIn
from followup.next_steps import next_steps


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
