"""Check-ins answered from two tabs at once (issue 13 item 14): the loser gets a 400 with the
reason next to the form, never a 500."""

import pytest
from django.urls import reverse
from django.utils import timezone

from followup import services
from followup.enums import Outcome
from followup.models import CheckIn
from tests.race import other_request_before

from .factories import make_checkins_due

pytestmark = pytest.mark.django_db


@pytest.mark.rendered
def test_checkin_answered_meanwhile_in_another_tab_is_a_400_with_the_reason(
    client, programme, partner, pair
):
    services.cooperation_meeting_held(actor=partner, cooperation=pair, note="met")
    make_checkins_due()
    checkin = CheckIn.objects.get(side="avm", months=1)
    client.force_login(pair.avm_contact)
    url = reverse("followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk})

    def other_tab_answers():
        CheckIn.objects.filter(pk=checkin.pk).update(
            outcome=Outcome.KNOWLEDGE, answered_at=timezone.now()
        )

    # The view reads the check-in (1st SELECT), then the service locks it (2nd SELECT).
    with other_request_before("followup_checkin", 2, other_tab_answers):
        response = client.post(url, {"outcome": Outcome.GOALS_MET, "comment": "Done."})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This check-in has been answered already."
    ]
    # The losing answer wrote nothing (the simulated winner ran inside its transaction, so it
    # was undone with it; what counts is that "Done." was not recorded over it).
    checkin.refresh_from_db()
    assert checkin.comment == ""
