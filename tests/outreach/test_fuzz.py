"""The public forms never answer a 500, whatever arrives (Hypothesis generates the input)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collider.enums import EventKind, RegistrationMode
from outreach.enums import QuestionKind
from outreach.models import ChecklistResponse
from tests.factories import EventFactory

from .factories import (
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
    choice_question,
)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::UserWarning")]

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300) | st.sampled_from(
    [
        "",
        "0",
        "-1",
        "99999999999999999999",
        "yes",
        "no",
        "on",
        "cci",
        "avm",
        "\x00",
        "a@b.c",
        "<script>x</script>",
    ]
)
values = text | st.lists(text, max_size=4)


@pytest.fixture
def checklist(programme):
    checklist = ChecklistFactory(programme=programme)
    section = ChecklistSectionFactory(checklist=checklist)
    checklist.fields = [
        f"q{ChecklistQuestionFactory(section=section, kind=QuestionKind.SCALE).pk}",
        f"q{ChecklistQuestionFactory(section=section, kind=QuestionKind.YES_NO).pk}",
        f"q{choice_question(section, QuestionKind.SINGLE).pk}",
        f"q{choice_question(section, QuestionKind.MULTIPLE).pk}",
        f"q{ChecklistQuestionFactory(section=section, kind=QuestionKind.TEXT, required=False).pk}",
    ]
    return checklist


def test_checklist_answer_never_500(client, checklist):
    url = reverse("outreach:checklist_answer", args=[checklist.token])
    keys = st.sampled_from(
        ["sector", "email", "organisation_name", "consent", *checklist.fields]
    ) | st.text(max_size=20)

    @FUZZ
    @given(
        data=st.dictionaries(keys, values, max_size=10),
        query=st.sampled_from(["", "?sector=cci", "?sector=avm", "?sector=%00"]),
    )
    def run(data, query):
        response = client.post(url + query, data)
        assert response.status_code in {200, 302, 400}
        if response.status_code == 302:
            assert ChecklistResponse.objects.filter(email=data["email"].strip().lower()).exists()

    run()


def test_info_day_registration_never_500(client, programme):
    event = EventFactory(
        programme=programme, kind=EventKind.INFO_DAY, registration_mode=RegistrationMode.PUBLIC
    )
    url = reverse("outreach:info_day_detail", args=[programme.slug, event.pk])
    keys = st.sampled_from(["name", "email", "organisation_name", "sector", "consent"]) | st.text(
        max_size=20
    )

    @FUZZ
    @given(data=st.dictionaries(keys, values, max_size=8))
    def run(data):
        response = client.post(url, data)
        assert response.status_code in {200, 400}

    run()


def test_checklist_answer_accepts_well_formed_fuzzed_text(client, checklist):
    """Valid structure with arbitrary free text and organisation names is stored, not crashed."""
    url = reverse("outreach:checklist_answer", args=[checklist.token])
    options = {name: None for name in checklist.fields}

    @FUZZ
    @given(org=st.text(min_size=1, max_size=200), free=st.text(max_size=4000))
    def run(org, free):
        from outreach.models import ChecklistQuestion

        data = {
            "sector": "cci",
            "email": "fuzz@example.org",
            "organisation_name": org,
            "consent": "on",
        }
        for name in options:
            question = ChecklistQuestion.objects.get(pk=int(name[1:]))
            if question.kind == "scale":
                data[name] = "3"
            elif question.kind == "yes_no":
                data[name] = "yes"
            elif question.kind in ("single", "multiple"):
                data[name] = str(question.options.first().pk)
            else:
                data[name] = free
        response = client.post(url, data)
        assert response.status_code in {302, 400}

    run()
