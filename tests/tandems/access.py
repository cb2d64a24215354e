"""Access declarations of the tandems app, in the format of tests/test_access_matrix.py.

``ROUTES`` (one per URL pattern), ``VARIANT_ROUTES`` (more objects for some patterns),
``ADMIN_MODELS`` (none: the app has no admin pages) and ``build_world(world)``, which adds the
objects these routes use as ``world.tandem``. tests/test_access_matrix.py loads this module and
checks every declaration, every role by GET and POST.

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from collider.enums import Role
from collider.models import Membership
from tandems.enums import ContactKind, PartnerRole, PilotStage
from tandems.models import ActionItem, CharterConfirmation, ContactImport
from tests.access import LOGIN, Route, everyone, named, row, to
from tests.factories import OrganisationFactory

from .factories import (
    CharterVersionFactory,
    ContactFactory,
    PartnerMeetingFactory,
    PilotActionFactory,
    TandemPartnerFactory,
    TaskFactory,
    partner_staff,
)

STAFF_GET = row(LOGIN, 403, 403, 200, 200, 200, 403, 200)
MANAGE_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
MANAGE_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)
PUBLIC = everyone(200)
NOT_ALLOWED = everyone(405)
# Pilot actions: staff of the programme and partners of any programme (peers) see them all.
PILOT_GET = row(LOGIN, 404, 404, 200, 200, 200, 200, 200)
FOREIGN = row(LOGIN, 403, 403, 404, 404, 404, 403, 404)
FOREIGN_MANAGE = row(LOGIN, 403, 403, 403, 403, 404, 403, 404)


def t(w) -> SimpleNamespace:
    return w.tandem


def slug(w):
    return {"slug": w.programme.slug}


def with_pk(attribute: str):
    return lambda w: {"slug": w.programme.slug, "pk": getattr(t(w), attribute).pk}


def manage_redirect(target) -> tuple:
    return row(LOGIN, 403, 403, 403, 403, target, 403, target)


MEETING = with_pk("meeting")
PILOT = with_pk("pilot")
CONTACT_LIST = to("tandems:contact_list", slug)

ROUTES: dict[str, Route] = {
    "tandems:tandem_detail": Route(named("tandems:tandem_detail", slug), STAFF_GET, NOT_ALLOWED),
    "tandems:partner_add": Route(named("tandems:partner_add", slug), MANAGE_GET, MANAGE_BAD_POST),
    "tandems:partner_edit": Route(
        named("tandems:partner_edit", with_pk("hub")), MANAGE_GET, MANAGE_BAD_POST
    ),
    "tandems:charter": Route(named("tandems:charter", slug), STAFF_GET, NOT_ALLOWED),
    "tandems:charter_edit": Route(named("tandems:charter_edit", slug), MANAGE_GET, MANAGE_BAD_POST),
    # An empty confirmation names no organisation: refused with a field error.
    "tandems:charter_confirm": Route(
        named("tandems:charter_confirm", lambda w: {"slug": w.programme.slug, "number": 1}),
        NOT_ALLOWED,
        MANAGE_BAD_POST,
    ),
    "tandems:charter_pdf": Route(named("tandems:charter_pdf", slug), STAFF_GET, NOT_ALLOWED),
    "tandems:task_list": Route(named("tandems:task_list", slug), STAFF_GET, NOT_ALLOWED),
    "tandems:task_create": Route(named("tandems:task_create", slug), MANAGE_GET, MANAGE_BAD_POST),
    "tandems:task_edit": Route(
        named("tandems:task_edit", with_pk("task")), MANAGE_GET, MANAGE_BAD_POST
    ),
    "tandems:timeline": Route(named("tandems:timeline", slug), STAFF_GET, NOT_ALLOWED),
    "tandems:meeting_list": Route(named("tandems:meeting_list", slug), STAFF_GET, NOT_ALLOWED),
    "tandems:series_create": Route(
        named("tandems:series_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "tandems:meeting_detail": Route(
        named("tandems:meeting_detail", MEETING), STAFF_GET, NOT_ALLOWED
    ),
    "tandems:meeting_agenda": Route(
        named("tandems:meeting_agenda", MEETING), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    "tandems:meeting_minutes": Route(
        named("tandems:meeting_minutes", MEETING), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    "tandems:action_create": Route(
        named("tandems:action_create", MEETING), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    # Marking an action done needs no form: it is done, and the meeting page shows it. Action
    # items are internal: to those who may not read the minutes they do not exist; the
    # facilitator reads them but is refused the tick with the declaration's message.
    "tandems:action_done": Route(
        named("tandems:action_done", with_pk("action")),
        NOT_ALLOWED,
        row(
            LOGIN,
            404,
            404,
            404,
            403,
            to("tandems:meeting_detail", MEETING),
            404,
            to("tandems:meeting_detail", MEETING),
        ),
    ),
    "tandems:contact_list": Route(named("tandems:contact_list", slug), MANAGE_GET, NOT_ALLOWED),
    "tandems:contact_create": Route(
        named("tandems:contact_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "tandems:contact_edit": Route(
        named("tandems:contact_edit", with_pk("expert")), MANAGE_GET, MANAGE_BAD_POST
    ),
    # The personal message is optional: an empty POST invites the expert contact.
    "tandems:contact_invite": Route(
        named("tandems:contact_invite", with_pk("expert")),
        NOT_ALLOWED,
        manage_redirect(CONTACT_LIST),
    ),
    "tandems:contact_export": Route(
        named("tandems:contact_export", lambda w: {"slug": w.programme.slug, "fmt": "csv"}),
        MANAGE_GET,
        NOT_ALLOWED,
    ),
    "tandems:contact_import": Route(
        named("tandems:contact_import", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    # A validated file waiting for confirmation: the POST imports it.
    "tandems:contact_import_preview": Route(
        named("tandems:contact_import_preview", with_pk("pending_import")),
        MANAGE_GET,
        manage_redirect(CONTACT_LIST),
    ),
    "tandems:pilot_list": Route(named("tandems:pilot_list", slug), PUBLIC, NOT_ALLOWED),
    "tandems:pilot_create": Route(named("tandems:pilot_create", slug), MANAGE_GET, MANAGE_BAD_POST),
    "tandems:pilot_detail": Route(named("tandems:pilot_detail", PILOT), PILOT_GET, NOT_ALLOWED),
    "tandems:pilot_edit": Route(named("tandems:pilot_edit", PILOT), MANAGE_GET, MANAGE_BAD_POST),
    # No target stage given: the stage gate refuses with a message.
    "tandems:pilot_advance": Route(
        named("tandems:pilot_advance", PILOT), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    # Without "published=1" the POST keeps the action out of the toolbox (where it already is).
    "tandems:pilot_publish": Route(
        named("tandems:pilot_publish", PILOT),
        NOT_ALLOWED,
        manage_redirect(to("tandems:pilot_detail", PILOT)),
    ),
    # A declared action's button (tandems.actions): moving the idea on is refused by its stage
    # gate (400) for those the rule allows, 403 for the rest of the staff, 404 for participants.
    "tandems:pilot_action": Route(
        named("tandems:pilot_action", lambda w: {**PILOT(w), "verb": "concept"}),
        NOT_ALLOWED,
        row(LOGIN, 404, 404, 403, 403, 400, 403, 400),
    ),
    # Only partners of other programmes comment (crosswise peering); an empty comment is 400.
    "tandems:pilot_comment": Route(
        named("tandems:pilot_comment", PILOT),
        NOT_ALLOWED,
        row(LOGIN, 404, 404, 403, 403, 403, 400, 403),
    ),
    "tandems:pilot_pdf": Route(named("tandems:pilot_pdf", PILOT), PILOT_GET, NOT_ALLOWED),
    "tandems:toolbox": Route(named("tandems:toolbox", slug), PUBLIC, NOT_ALLOWED),
}

VARIANT_ROUTES: dict[str, Route] = {
    "tandems:pilot_detail[published]": Route(
        named("tandems:pilot_detail", with_pk("published_pilot")), PUBLIC, NOT_ALLOWED
    ),
    "tandems:pilot_pdf[published]": Route(
        named("tandems:pilot_pdf", with_pk("published_pilot")), PUBLIC, NOT_ALLOWED
    ),
    # Objects of the other programme addressed under this programme's slug are never found.
    "tandems:pilot_detail[foreign]": Route(
        named("tandems:pilot_detail", with_pk("foreign_pilot")),
        row(LOGIN, 404, 404, 404, 404, 404, 404, 404),
        NOT_ALLOWED,
    ),
    "tandems:task_edit[foreign]": Route(
        named("tandems:task_edit", with_pk("foreign_task")), FOREIGN_MANAGE, FOREIGN_MANAGE
    ),
    "tandems:meeting_detail[foreign]": Route(
        named("tandems:meeting_detail", with_pk("foreign_meeting")), FOREIGN, NOT_ALLOWED
    ),
    "tandems:contact_edit[foreign]": Route(
        named("tandems:contact_edit", with_pk("foreign_contact")), FOREIGN_MANAGE, FOREIGN_MANAGE
    ),
    "tandems:partner_edit[foreign]": Route(
        named("tandems:partner_edit", with_pk("foreign_partner")), FOREIGN_MANAGE, FOREIGN_MANAGE
    ),
}

ADMIN_MODELS: dict = {}

CSV = (
    "kind,name,email,consent_basis\n"
    "target_group,Martina Weiss,martina@weiss.example,legitimate_interest\n"
)


def build_world(world: SimpleNamespace) -> SimpleNamespace:
    programme, other = world.programme, world.other_programme
    partner = world.users["partner"]
    hub = TandemPartnerFactory(programme=programme, is_lead=True)
    Membership.objects.filter(programme=programme, user=partner, role=Role.PARTNER).update(
        organisation=hub.organisation
    )
    cluster = TandemPartnerFactory(
        programme=programme,
        role=PartnerRole.BSO,
        organisation=OrganisationFactory(kind="cluster", sector="intermediary"),
    )
    cluster_person = partner_staff(cluster)
    version = CharterVersionFactory(programme=programme, number=1)
    CharterConfirmation.objects.create(version=version, partner=hub, confirmed_by=partner)
    CharterConfirmation.objects.create(
        version=version, partner=cluster, confirmed_by=cluster_person
    )
    past = PartnerMeetingFactory(
        event__programme=programme, event__starts_at=timezone.now() - timedelta(days=10)
    )
    foreign_partner = TandemPartnerFactory(programme=other)
    world.tandem = SimpleNamespace(
        hub=hub,
        cluster=cluster,
        task=TaskFactory(owner=hub, assignee=partner),
        meeting=past,
        action=ActionItem.objects.create(
            meeting=past, programme=programme, title="Share the list", assignee=partner
        ),
        expert=ContactFactory(programme=programme, kind=ContactKind.EXPERT),
        pending_import=ContactImport.objects.create(
            programme=programme,
            uploaded_by=partner,
            filename="c.csv",
            encoding="utf-8",
            content=CSV,
            row_count=1,
            created_count=1,
        ),
        pilot=PilotActionFactory(programme=programme, created_by=partner),
        published_pilot=PilotActionFactory(
            programme=programme, stage=PilotStage.CLOSED, published=True
        ),
        foreign_pilot=PilotActionFactory(programme=other),
        foreign_task=TaskFactory(owner=foreign_partner),
        foreign_meeting=PartnerMeetingFactory(event__programme=other),
        foreign_contact=ContactFactory(programme=other),
        foreign_partner=foreign_partner,
    )
    return world
