"""Access declarations of the follow-up app, in the format of tests/test_access_matrix.py.

``ROUTES`` (one per URL pattern) and ``build_world(world)``, which adds the objects these routes
use as ``world.followup``: a reporting period, a cooperation whose CCI contact is the matrix's
CCI participant, and that participant's check-in. The app has no admin pages.

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from collider.enums import OrganisationKind, Sector
from followup.enums import Anchor, CheckInSide
from followup.models import CheckIn, Milestone
from tests.access import LOGIN, Redirect, Route, everyone, named, row
from tests.factories import OrganisationFactory

from .factories import CooperationFactory, ReportingPeriodFactory

MANAGE_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
MANAGE_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)
NOT_ALLOWED = everyone(405)
# Only the person asked may open a check-in; to everyone else it does not exist.
RESPONDENT_GET = row(LOGIN, 200, 404, 404, 404, 404, 404, 404)
RESPONDENT_BAD_POST = row(LOGIN, 400, 404, 404, 404, 404, 404, 404)


def f(w) -> SimpleNamespace:
    return w.followup


def slug(w):
    return {"slug": w.programme.slug}


def with_pk(attribute: str):
    return lambda w: {"slug": w.programme.slug, "pk": getattr(f(w), attribute).pk}


def _dashboard_of_period(w) -> str:
    url = reverse("followup:kpi_dashboard", kwargs={"slug": w.programme.slug})
    return f"{url}?period={f(w).period.pk}"


TO_PERIOD = Redirect(_dashboard_of_period, "followup:kpi_dashboard?period")
MANAGE_TO_PERIOD = row(LOGIN, 403, 403, 403, 403, TO_PERIOD, 403, TO_PERIOD)

ROUTES: dict[str, Route] = {
    "followup:kpi_dashboard": Route(named("followup:kpi_dashboard", slug), MANAGE_GET, NOT_ALLOWED),
    "followup:period_create": Route(
        named("followup:period_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    # Every target is optional: an empty POST clears them and returns to the dashboard.
    "followup:period_targets": Route(
        named("followup:period_targets", with_pk("period")), MANAGE_GET, MANAGE_TO_PERIOD
    ),
    "followup:correction_create": Route(
        named("followup:correction_create", with_pk("period")), MANAGE_GET, MANAGE_BAD_POST
    ),
    # Locking needs no form: the POST locks the period.
    "followup:period_lock": Route(
        named("followup:period_lock", with_pk("period")), NOT_ALLOWED, MANAGE_TO_PERIOD
    ),
    "followup:board": Route(named("followup:board", slug), MANAGE_GET, NOT_ALLOWED),
    "followup:cooperation_create": Route(
        named("followup:cooperation_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "followup:cooperation_detail": Route(
        named("followup:cooperation_detail", with_pk("cooperation")), MANAGE_GET, NOT_ALLOWED
    ),
    "followup:cooperation_move": Route(
        named("followup:cooperation_move", with_pk("cooperation")), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    "followup:milestone_add": Route(
        named("followup:milestone_add", with_pk("cooperation")), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    # Done needs evidence: an empty POST is refused with a message.
    "followup:milestone_done": Route(
        named("followup:milestone_done", with_pk("milestone")), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    "followup:checkin_answer": Route(
        named("followup:checkin_answer", with_pk("checkin")), RESPONDENT_GET, RESPONDENT_BAD_POST
    ),
    "followup:export": Route(
        named(
            "followup:export",
            lambda w: {"slug": w.programme.slug, "what": "participants", "fmt": "csv"},
        ),
        MANAGE_GET,
        NOT_ALLOWED,
    ),
    "followup:report_pdf": Route(named("followup:report_pdf", slug), MANAGE_GET, NOT_ALLOWED),
}


def build_world(world) -> None:
    cooperation = CooperationFactory(
        programme=world.programme,
        cci_organisation=OrganisationFactory(sector=Sector.CCI),
        avm_organisation=OrganisationFactory(sector=Sector.AVM, kind=OrganisationKind.AVM_COMPANY),
        cci_contact=world.users["cci"],
        avm_contact=world.users["avm"],
    )
    checkin = CheckIn.objects.create(
        cooperation=cooperation,
        anchor=Anchor.MEETING,
        months=1,
        side=CheckInSide.CCI,
        respondent=world.users["cci"],
        due_at=timezone.now(),
    )
    world.followup = SimpleNamespace(
        period=ReportingPeriodFactory(programme=world.programme),
        cooperation=cooperation,
        checkin=checkin,
        milestone=Milestone.objects.create(
            cooperation=cooperation, title="Prototype", due_on=timezone.localdate()
        ),
    )
