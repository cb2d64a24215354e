"""Access declarations of the personal-data pages (collider.privacy), merged into the core's
declarations by tests/collider/access.py.

``build_world(world)`` adds ``world.privacy_organisation`` (administered by the matrix's
partner, so only the partner may download its data) and ``world.erasure`` (the CCI
participant's pending erasure, which only platform admins handle on the admin pages).

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from collider.enums import OrganisationRole
from collider.models import ErasureRequest, ExportJob, OrganisationMember, PrivacyNotice
from tests.access import LOGIN, Redirect, Route, everyone, named, row, to
from tests.factories import OrganisationFactory

NOT_ALLOWED = everyone(405)
ADMIN_ONLY = row(LOGIN, 403, 403, 403, 403, 403, 403, 200)
ADMIN_FORM = row(LOGIN, 403, 403, 403, 403, 403, 403, 400)
LOGGED_IN = row(LOGIN, 200, 200, 200, 200, 200, 200, 200)


def _newest_job(w) -> str:
    return reverse("collider:export_job_detail", args=[ExportJob.objects.latest("pk").pk])


TO_NEW_JOB = Redirect(_newest_job, "collider:export_job_detail")
TO_PRIVACY = to("collider:privacy")


def erasure(w):
    return {"pk": w.erasure.pk}


TO_ERASURE = to("collider:erasure_detail", erasure)

ROUTES: dict[str, Route] = {
    "collider:privacy": Route(named("collider:privacy"), LOGGED_IN, NOT_ALLOWED),
    "collider:privacy_export": Route(
        named("collider:privacy_export"),
        NOT_ALLOWED,
        row(LOGIN, *(TO_NEW_JOB,) * 7),
    ),
    "collider:privacy_organisation_export": Route(
        named("collider:privacy_organisation_export", lambda w: {"pk": w.privacy_organisation.pk}),
        NOT_ALLOWED,
        row(LOGIN, 404, 404, 404, 404, TO_NEW_JOB, 404, 404),
    ),
    # An empty POST lacks the confirmation: the page again with the error. The CCI
    # participant's erasure is already scheduled: back to the privacy page, which shows it.
    "collider:privacy_erase": Route(
        named("collider:privacy_erase"),
        row(LOGIN, TO_PRIVACY, *(200,) * 6),
        row(LOGIN, TO_PRIVACY, *(400,) * 6),
    ),
    "collider:privacy_erase_cancel": Route(
        named("collider:privacy_erase_cancel"), NOT_ALLOWED, row(LOGIN, *(TO_PRIVACY,) * 7)
    ),
    "collider:privacy_notice": Route(named("collider:privacy_notice"), everyone(200), NOT_ALLOWED),
    # Without the version that was read, nothing is accepted: back to the notice.
    "collider:privacy_notice_accept": Route(
        named("collider:privacy_notice_accept"),
        NOT_ALLOWED,
        row(LOGIN, *(to("collider:privacy_notice"),) * 7),
    ),
    "collider:privacy_notice_edit": Route(
        named("collider:privacy_notice_edit"), ADMIN_ONLY, ADMIN_FORM
    ),
    "collider:erasure_list": Route(named("collider:erasure_list"), ADMIN_ONLY, ADMIN_FORM),
    "collider:erasure_detail": Route(
        named("collider:erasure_detail", erasure), ADMIN_ONLY, NOT_ALLOWED
    ),
    "collider:erasure_cancel": Route(
        named("collider:erasure_cancel", erasure),
        NOT_ALLOWED,
        row(LOGIN, 403, 403, 403, 403, 403, 403, TO_ERASURE),
    ),
    "collider:erasure_execute": Route(
        named("collider:erasure_execute", erasure), NOT_ALLOWED, ADMIN_FORM
    ),
    "collider:retention_runs": Route(named("collider:retention_runs"), ADMIN_ONLY, NOT_ALLOWED),
    "collider:retention_run_now": Route(
        named("collider:retention_run_now"),
        NOT_ALLOWED,
        row(LOGIN, 403, 403, 403, 403, 403, 403, to("collider:retention_runs")),
    ),
}


#: People are erased on the product's pages, never deleted in the admin (records would cascade).
ADMIN_MODEL_EXCEPTIONS = {"collider/user:delete": (403, 403)}


def build_world(world) -> None:
    organisation = OrganisationFactory()
    OrganisationMember.objects.create(
        organisation=organisation, user=world.users["partner"], role=OrganisationRole.ADMIN
    )
    world.privacy_organisation = organisation
    PrivacyNotice.objects.create(version=1, body="What we keep, and why.")
    world.erasure = ErasureRequest.objects.create(
        user=world.users["cci"], requested_by=world.users["cci"], due_at=timezone.now()
    )
