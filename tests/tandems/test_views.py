import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from collider.enums import EventKind, RegistrationMode, Role
from collider.models import Event
from tandems import services
from tandems.enums import PilotStage, TaskStatus
from tandems.models import CharterConfirmation, Contact, PartnerMeeting
from tests.editing import edit_in_two_tabs, refusal
from tests.factories import EventFactory, member

from .factories import (
    CharterVersionFactory,
    ContactFactory,
    PartnerMeetingFactory,
    PilotActionFactory,
    TaskFactory,
)

HEADER = "kind,name,organisation,sector,email,phone,tags,source,consent_basis,consent_date,notes\n"


def url(name, programme, **kwargs):
    return reverse(f"tandems:{name}", kwargs={"slug": programme.slug, **kwargs})


# --- Charter ----------------------------------------------------------------------------------


@pytest.mark.rendered
def test_charter_page_lists_who_has_not_confirmed(client, programme, tandem):
    hub, cluster = tandem
    version = CharterVersionFactory(programme=programme, number=1)
    CharterConfirmation.objects.create(version=version, partner=hub, confirmed_by=hub.person)
    client.force_login(cluster.person)

    response = client.get(url("charter", programme))

    missing = [p.organisation.name for p in response.context["status"].missing]
    assert missing == [cluster.organisation.name]
    assert b"not confirmed yet" in response.content


def test_charter_confirm_for_own_organisation_redirects_and_confirms(client, programme, tandem):
    hub, _cluster = tandem
    CharterVersionFactory(programme=programme, number=1)
    client.force_login(hub.person)

    response = client.post(url("charter_confirm", programme, number=1), {"partner": hub.pk})

    assert response.status_code == 302
    assert list(CharterConfirmation.objects.values_list("partner", "confirmed_by")) == [
        (hub.pk, hub.person.pk)
    ]


def test_charter_confirm_for_other_organisation_is_403_and_saves_nothing(client, programme, tandem):
    hub, cluster = tandem
    CharterVersionFactory(programme=programme, number=1)
    client.force_login(hub.person)

    response = client.post(url("charter_confirm", programme, number=1), {"partner": cluster.pk})

    assert response.status_code == 403
    assert b"your own partner organisation" in response.content
    assert CharterConfirmation.objects.count() == 0


@pytest.mark.rendered
def test_charter_page_shows_diff_between_versions(client, programme, tandem):
    hub, _cluster = tandem
    CharterVersionFactory(programme=programme, number=1, meeting_cadence="Monthly.")
    CharterVersionFactory(programme=programme, number=2, meeting_cadence="Every two weeks.")
    client.force_login(hub.person)

    response = client.get(url("charter", programme))

    (section,) = response.context["diff"]
    assert [(line["op"], line["text"]) for line in section["lines"]] == [
        ("removed", "Monthly."),
        ("added", "Every two weeks."),
    ]


def test_charter_edit_post_creates_version(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)
    data = {
        "rules": "Equal partners.",
        "communication": "E-mail.",
        "decision_making": "Consensus.",
        "meeting_cadence": "Monthly.",
        "responsibilities": "Both.",
        "budget": "",
        "change_note": "First draft",
    }

    response = client.post(url("charter_edit", programme), data)

    assert response.status_code == 302
    assert list(programme.charter_versions.values_list("number", "change_note")) == [
        (1, "First draft")
    ]


@pytest.mark.rendered
def test_charter_edit_empty_post_is_400_with_field_errors(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)

    response = client.post(url("charter_edit", programme), {})

    assert response.status_code == 400
    assert sorted(response.context["form"].errors) == [
        "communication",
        "decision_making",
        "meeting_cadence",
        "responsibilities",
        "rules",
    ]


# --- Tasks, timeline --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["task_list", "timeline"])
def test_task_pages_query_count_does_not_grow(
    client, programme, tandem, name, django_assert_num_queries
):
    hub, _cluster = tandem
    client.force_login(hub.person)
    TaskFactory(owner=hub, assignee=hub.person)
    client.get(url(name, programme))  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url(name, programme))
    for _ in range(4):
        TaskFactory(owner=hub, assignee=hub.person, depends_on=None)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url(name, programme))

    assert response.status_code == 200


@pytest.mark.rendered
def test_timeline_marks_overdue_task(client, programme, tandem):
    hub, _cluster = tandem
    today = timezone.localdate()
    TaskFactory(
        owner=hub,
        title="Late one",
        starts_on=today - timedelta(days=20),
        due_on=today - timedelta(days=2),
    )
    TaskFactory(owner=hub, title="On time", starts_on=today, due_on=today + timedelta(days=14))
    client.force_login(hub.person)

    response = client.get(url("timeline", programme))

    rows = response.context["timeline"].rows
    assert [(r["task"].title, r["overdue"]) for r in rows] == [
        ("Late one", True),
        ("On time", False),
    ]
    assert b"tl-overdue" in response.content


@pytest.mark.rendered
def test_task_list_filter_overdue(client, programme, tandem):
    hub, _cluster = tandem
    today = timezone.localdate()
    TaskFactory(
        owner=hub,
        title="Late",
        starts_on=today - timedelta(days=9),
        due_on=today - timedelta(days=1),
    )
    TaskFactory(
        owner=hub,
        title="Done late",
        status=TaskStatus.DONE,
        starts_on=today - timedelta(days=9),
        due_on=today - timedelta(days=1),
    )
    TaskFactory(owner=hub, title="Later")
    client.force_login(hub.person)

    response = client.get(url("task_list", programme), {"overdue": "on"})

    assert [t.title for t in response.context["page"]] == ["Late"]


@pytest.mark.rendered
def test_task_create_post_with_due_before_start_is_400(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)
    today = timezone.localdate()

    response = client.post(
        url("task_create", programme),
        {
            "title": "X",
            "phase": "meet",
            "owner": hub.pk,
            "starts_on": today,
            "due_on": today - timedelta(days=1),
            "status": "todo",
        },
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["due_on"]


# --- Meetings ---------------------------------------------------------------------------------


def test_series_create_post_monthly_creates_meetings(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)
    first = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")

    response = client.post(
        url("series_create", programme),
        {
            "title": "Tandem meeting",
            "first_starts_at": first,
            "duration_minutes": 60,
            "timezone": "Europe/Vienna",
            "frequency": "MONTHLY",
            "interval": 1,
            "count": 4,
            "rrule": "",
            "format": "online",
            "online_url": "https://meet.example/x",
            "venue": "",
        },
    )

    assert response.status_code == 302
    assert Event.objects.filter(programme=programme, kind=EventKind.PARTNER_MEETING).count() == 4


@pytest.mark.rendered
def test_series_create_post_with_bad_rule_is_400(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)
    first = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT10:00")

    response = client.post(
        url("series_create", programme),
        {
            "title": "M",
            "first_starts_at": first,
            "duration_minutes": 60,
            "timezone": "Europe/Vienna",
            "frequency": "MONTHLY",
            "interval": 1,
            "count": "",
            "rrule": "FREQ=NEVER",
            "format": "online",
            "online_url": "https://meet.example/x",
            "venue": "",
        },
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["rrule"]
    assert PartnerMeeting.objects.count() == 0


@pytest.mark.rendered
def test_meeting_detail_shows_generated_agenda(client, programme, tandem):
    hub, _cluster = tandem
    today = timezone.localdate()
    TaskFactory(
        owner=hub,
        title="Collect best practices",
        starts_on=today - timedelta(days=9),
        due_on=today - timedelta(days=1),
    )
    meeting = PartnerMeetingFactory(event__programme=programme)
    client.force_login(hub.person)

    response = client.get(url("meeting_detail", programme, pk=meeting.pk))

    agenda = response.context["agenda_form"].initial["agenda"]
    assert "2. Overdue tasks\n   - Collect best practices" in agenda


def test_agenda_build_query_count_does_not_grow(programme, tandem, django_assert_num_queries):
    from tandems.selectors import agenda_build

    hub, cluster = tandem
    meeting = PartnerMeetingFactory(event__programme=programme)
    past = PartnerMeetingFactory(
        event__programme=programme, event__starts_at=timezone.now() - timedelta(days=30)
    )
    TaskFactory(owner=hub, assignee=hub.person)
    services.action_item_create(actor=hub.person, meeting=past, title="A1", assignee=cluster.person)
    meeting = PartnerMeeting.objects.select_related("event__programme").get(pk=meeting.pk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        agenda_build(meeting)
    for n in range(5):
        TaskFactory(owner=hub, assignee=cluster.person)
        services.action_item_create(
            actor=hub.person, meeting=past, title=f"A{n + 2}", assignee=hub.person
        )

    with django_assert_num_queries(len(one.captured_queries)):
        agenda = agenda_build(meeting)

    assert (len(agenda["open_tasks"]), len(agenda["action_items"])) == (6, 6)


# --- Contacts ---------------------------------------------------------------------------------


@pytest.mark.rendered
def test_contact_list_query_count_does_not_grow(
    client, programme, tandem, django_assert_num_queries
):
    hub, _cluster = tandem
    client.force_login(hub.person)
    ContactFactory(programme=programme)
    client.get(url("contact_list", programme))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url("contact_list", programme))
    for _ in range(4):
        ContactFactory(programme=programme)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("contact_list", programme))

    assert len(response.context["page"]) == 5


@pytest.mark.rendered
def test_contact_import_bad_file_is_400_with_every_error(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)
    data = (
        HEADER
        + "target_group,A,,,a@example.org,,,,legitimate_interest,,\n"
        + "target_group,B,,,broken,,,,legitimate_interest,,\n"
        + "friend,C,,,c@example.org,,,,legitimate_interest,,\n"
    ).encode()

    response = client.post(
        url("contact_import", programme), {"file": SimpleUploadedFile("c.csv", data, "text/csv")}
    )

    assert response.status_code == 400
    assert [(e.line, e.field) for e in response.context["parsed"].errors] == [
        (3, "email"),
        (4, "kind"),
    ]
    assert Contact.objects.count() == 0


def test_contact_import_valid_file_previews_then_imports(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)
    data = (HEADER + "target_group,A,,,a@example.org,,,,legitimate_interest,,\n").encode()

    upload = client.post(
        url("contact_import", programme), {"file": SimpleUploadedFile("c.csv", data, "text/csv")}
    )
    count_after_upload = Contact.objects.count()
    confirm = client.post(upload["Location"])

    assert (count_after_upload, Contact.objects.count()) == (0, 1)
    assert confirm["Location"] == url("contact_list", programme)


@pytest.mark.rendered
def test_contact_import_wrong_type_is_400(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)

    response = client.post(
        url("contact_import", programme),
        {"file": SimpleUploadedFile("c.pdf", b"%PDF-1.4", "application/pdf")},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["Upload one of these file types: CSV, TXT."]


def test_contact_export_csv_and_xlsx(client, programme, tandem):
    hub, _cluster = tandem
    ContactFactory(programme=programme, name="Martina Weiss", email="m@weiss.example")
    client.force_login(hub.person)

    csv_response = client.get(url("contact_export", programme, fmt="csv"))
    xlsx_response = client.get(url("contact_export", programme, fmt="xlsx"))

    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:5] == ["Kind", "Name", "Organisation", "Sector", "E-mail"]
    assert lines[1].split(",")[1:5] == ["Martina Weiss", "", "", "m@weiss.example"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    assert [c.value for c in sheet[2]][1] == "Martina Weiss"


def test_contact_export_unknown_format_is_404(client, programme, tandem):
    hub, _cluster = tandem
    client.force_login(hub.person)

    response = client.get(url("contact_export", programme, fmt="pdf"))

    assert response.status_code == 404


# --- Pilot actions ----------------------------------------------------------------------------


def test_pilot_detail_visible_to_other_programmes_partner_who_can_comment(
    client, programme, other_programme, tandem
):
    pilot = PilotActionFactory(programme=programme)
    peer = member(other_programme, Role.PARTNER)
    client.force_login(peer)

    response = client.post(
        url("pilot_comment", programme, pk=pilot.pk), {"body": "Involve a maker space."}
    )

    assert response.status_code == 302
    assert list(pilot.peer_comments.values_list("body", "author")) == [
        ("Involve a maker space.", peer.pk)
    ]


def test_pilot_detail_unpublished_is_404_for_participant(client, programme, cci):
    pilot = PilotActionFactory(programme=programme)
    client.force_login(cci)

    response = client.get(url("pilot_detail", programme, pk=pilot.pk))

    assert response.status_code == 404


@pytest.mark.rendered
def test_toolbox_lists_published_pilots_to_anonymous(client, programme):
    PilotActionFactory(
        programme=programme, title="Mentorship", stage=PilotStage.CLOSED, published=True
    )
    PilotActionFactory(programme=programme, title="Hidden", stage=PilotStage.CLOSED)

    response = client.get(url("toolbox", programme))

    assert [p.title for p in response.context["page"]] == ["Mentorship"]


@pytest.mark.rendered
def test_pilot_list_query_count_does_not_grow(client, programme, tandem, django_assert_num_queries):
    hub, cluster = tandem
    client.force_login(hub.person)
    PilotActionFactory(programme=programme).partners.set([hub, cluster])
    client.get(url("pilot_list", programme))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url("pilot_list", programme))
    for _ in range(3):
        PilotActionFactory(programme=programme).partners.set([hub, cluster])

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("pilot_list", programme))

    assert len(response.context["page"]) == 4


def test_pilot_advance_without_gate_is_400_with_message(client, programme, tandem):
    hub, _cluster = tandem
    pilot = PilotActionFactory(programme=programme)
    client.force_login(hub.person)

    response = client.post(url("pilot_advance", programme, pk=pilot.pk), {"to_stage": "concept"})

    assert response.status_code == 400
    assert b"Before moving on, fill in" in response.content


@pytest.mark.rendered
def test_meeting_list_query_count_does_not_grow(
    client, programme, tandem, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hub, cluster = tandem
    client.force_login(hub.person)
    first = PartnerMeetingFactory(event__programme=programme)
    services.action_item_create(actor=hub.person, meeting=first, title="A", assignee=cluster.person)
    client.get(url("meeting_list", programme))
    with CaptureQueriesContext(connection) as one:
        client.get(url("meeting_list", programme))
    for _ in range(3):
        PartnerMeetingFactory(event__programme=programme)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("meeting_list", programme))

    assert [m.open_items for m in response.context["page"]] == [1, 0, 0, 0]


@pytest.mark.rendered
def test_tandem_detail_query_count_does_not_grow(
    client, programme, tandem, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hub, _cluster = tandem
    client.force_login(hub.person)
    PartnerMeetingFactory(event__programme=programme)
    client.get(url("tandem_detail", programme))
    with CaptureQueriesContext(connection) as one:
        client.get(url("tandem_detail", programme))
    PartnerMeetingFactory(event__programme=programme)
    PartnerMeetingFactory(event__programme=programme)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("tandem_detail", programme))

    assert [p.organisation for p in response.context["partners"]] == [
        hub.organisation,
        _cluster.organisation,
    ]


@pytest.mark.rendered
def test_dashboard_next_step_asks_partner_to_confirm_charter(client, programme, tandem):
    hub, cluster = tandem
    version = CharterVersionFactory(programme=programme, number=1)
    CharterConfirmation.objects.create(version=version, partner=hub, confirmed_by=hub.person)
    client.force_login(cluster.person)

    response = client.get(reverse("dashboard"))

    (card,) = response.context["cards"]
    assert "Confirm charter version 1" in [step.title for step in card["steps"]]


def test_dashboard_tandem_queries_do_not_grow_with_programmes(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ProgrammeFactory, UserFactory

    from .factories import TandemPartnerFactory

    user = UserFactory()
    client.force_login(user)

    def add_programme():
        partner = TandemPartnerFactory(programme=ProgrammeFactory())
        member_of = partner.programme
        from tests.factories import MembershipFactory

        MembershipFactory(
            programme=member_of,
            user=user,
            role=Role.PARTNER,
            sector="",
            organisation=partner.organisation,
        )
        CharterVersionFactory(programme=member_of, number=1)
        TaskFactory(
            owner=partner,
            assignee=user,
            due_on=timezone.localdate() - timedelta(days=1),
            starts_on=timezone.localdate() - timedelta(days=5),
        )

    def tandem_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("dashboard"))
        assert response.status_code == 200
        return sum("tandems_" in q["sql"] for q in queries.captured_queries)

    add_programme()
    one = tandem_queries()
    for _ in range(3):
        add_programme()

    many = tandem_queries()

    # Four for the tandem panel, one for the follow-up's "confirm the joint evaluation" step
    # (which reads the tandem's partner organisations).
    assert (one, many) == (5, 5)


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- Internal records: minutes and charter budget are not for experts ------------------------


def test_expert_sees_neither_meeting_minutes_nor_charter_budget_but_partner_does(
    client, programme, tandem
):
    hub, cluster = tandem
    event = EventFactory(
        programme=programme,
        kind=EventKind.PARTNER_MEETING,
        registration_mode=RegistrationMode.INVITE_ONLY,
        starts_at=timezone.now() - timedelta(days=2),
    )
    meeting = PartnerMeeting.objects.create(event=event, minutes="Agreed the secret fee split.")
    first = CharterVersionFactory(programme=programme, number=1, budget="Fee pot: EUR 31,415")
    for partner in (hub, cluster):
        CharterConfirmation.objects.create(
            version=first, partner=partner, confirmed_by=partner.person
        )
    CharterVersionFactory(programme=programme, number=2, budget="Fee pot: EUR 27,182")
    pages = {
        "meeting": reverse("tandems:meeting_detail", args=[programme.slug, meeting.pk]),
        "charter": reverse("tandems:charter", args=[programme.slug]) + "?from=1&to=2",
        "pdf": reverse("tandems:charter_pdf", args=[programme.slug]),
    }
    secrets = ["secret fee split", "31,415", "27,182"]

    seen = {}
    for label, user in [("expert", member(programme, Role.EXPERT)), ("partner", hub.person)]:
        client.force_login(user)
        texts = []
        for name, path in pages.items():
            response = client.get(path)
            assert response.status_code == 200, name
            texts.append(_pdf_text(response.content) if name == "pdf" else response.text)
        seen[label] = [any(secret in text for text in texts) for secret in secrets]

    assert seen == {"expert": [False, False, False], "partner": [True, True, True]}


# --- Stale edits (collider.versioning) ----------------------------------------------------------


@pytest.mark.rendered
def test_charter_edit_from_a_stale_tab_is_refused_and_keeps_the_newer_version(programme, tandem):
    hub, cluster = tandem
    CharterVersionFactory(programme=programme, number=1, rules="Equal partners.")

    saved, refused = edit_in_two_tabs(
        url("charter_edit", programme),
        a=hub.person,
        b=cluster.person,
        change_a={"rules": "Equal partners; the lead decides ties."},
        change_b={"rules": "The cluster decides."},
    )

    assert (saved.status_code, refusal(refused)) == (302, (400, True, True))
    assert f'href="{url("charter", programme)}?from=1&amp;to=2#diff-heading"' in (
        refused.content.decode()
    )
    assert list(programme.charter_versions.values_list("number", "rules")) == [
        (2, "Equal partners; the lead decides ties."),
        (1, "Equal partners."),
    ]


def _pilot(programme, hub, cluster):
    pilot = PilotActionFactory(programme=programme, location="Graz")
    pilot.partners.set([hub, cluster])
    return pilot


@pytest.mark.parametrize(
    ("route", "make", "change_a", "change_b"),
    [
        ("pilot_edit", _pilot, {"location": "Maribor"}, {"title": "Renamed in an old tab"}),
        (
            "task_edit",
            lambda programme, hub, cluster: TaskFactory(owner=hub),
            {"status": TaskStatus.DONE},
            {"title": "Renamed in an old tab"},
        ),
        (
            "contact_edit",
            lambda programme, hub, cluster: ContactFactory(programme=programme),
            {"phone": "+386 1 234 567"},
            {"name": "Renamed in an old tab"},
        ),
    ],
)
@pytest.mark.rendered
def test_edit_from_a_stale_tab_is_refused_and_keeps_the_newer_version(
    programme, tandem, route, make, change_a, change_b
):
    hub, cluster = tandem
    record = make(programme, hub, cluster)
    before = {name: getattr(record, name) for name in change_b}

    saved, refused = edit_in_two_tabs(
        url(route, programme, pk=record.pk),
        a=hub.person,
        b=cluster.person,
        change_a=change_a,
        change_b=change_b,
    )

    record.refresh_from_db()
    assert (saved.status_code, refusal(refused)) == (302, (400, True, True))
    assert {name: getattr(record, name) for name in [*change_a, *change_b]} == {
        **change_a,
        **before,
    }
