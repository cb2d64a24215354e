"""Access declarations of the core's export and network pages, in the format of
tests/test_access_matrix.py (which loads this module like a phase app's).

``build_world(world)`` adds ``world.export_job``: a finished export of the matrix's partner,
which only that partner may see or download (everybody else, admins included, gets 404).

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.urls import reverse

from collider.enums import ExportStatus
from collider.models import ExportJob
from tests.access import LOGIN, Redirect, Route, everyone, named, row
from tests.collider import access_organisations, access_privacy

PARTNERS_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
OWNER_GET = row(LOGIN, 404, 404, 404, 404, 200, 404, 404)
ADMIN_GET = row(LOGIN, 403, 403, 403, 403, 403, 403, 200)
NOT_ALLOWED = everyone(405)


def slug(w):
    return {"slug": w.programme.slug}


def dataset(w):
    return {"slug": w.programme.slug, "key": "participants", "fmt": "csv"}


def job(w):
    return {"pk": w.export_job.pk}


def _newest_job(w) -> str:
    return reverse("collider:export_job_detail", args=[ExportJob.objects.latest("pk").pk])


TO_NEW_JOB = Redirect(_newest_job, "collider:export_job_detail")

ROUTES: dict[str, Route] = {
    "collider:export_list": Route(named("collider:export_list", slug), PARTNERS_GET, NOT_ALLOWED),
    "collider:export": Route(named("collider:export", dataset), PARTNERS_GET, NOT_ALLOWED),
    "collider:export_job_start": Route(
        named("collider:export_job_start", dataset),
        NOT_ALLOWED,
        row(LOGIN, 403, 403, 403, 403, TO_NEW_JOB, 403, TO_NEW_JOB),
    ),
    "collider:export_job_detail": Route(
        named("collider:export_job_detail", job), OWNER_GET, NOT_ALLOWED
    ),
    "collider:export_job_status": Route(
        named("collider:export_job_status", job), OWNER_GET, NOT_ALLOWED
    ),
    "collider:export_job_download": Route(
        named("collider:export_job_download", job), OWNER_GET, NOT_ALLOWED
    ),
    "collider:network": Route(named("collider:network"), ADMIN_GET, NOT_ALLOWED),
    "collider:network_csv": Route(named("collider:network_csv"), ADMIN_GET, NOT_ALLOWED),
    **access_privacy.ROUTES,
    **access_organisations.ROUTES,
}

ADMIN_MODEL_EXCEPTIONS = access_privacy.ADMIN_MODEL_EXCEPTIONS

VARIANT_ROUTES: dict[str, Route] = {
    # Another programme's list under this programme's slug does not exist; the dataset key is
    # global, so the variant is a dataset nobody registered.
    "collider:export[unknown]": Route(
        named(
            "collider:export",
            lambda w: {"slug": w.programme.slug, "key": "secrets", "fmt": "csv"},
        ),
        row(LOGIN, 403, 403, 403, 403, 404, 403, 404),
        NOT_ALLOWED,
    ),
}


def build_world(world) -> None:
    export_job = ExportJob.objects.create(
        user=world.users["partner"],
        programme=world.programme,
        dataset="participants",
        format="csv",
        status=ExportStatus.DONE,
        rows_done=1,
        rows_total=1,
    )
    export_job.file.save("matrix-participants.csv", ContentFile(b"name\nAna\n"), save=True)
    world.export_job = export_job
    access_privacy.build_world(world)
    access_organisations.build_world(world)
