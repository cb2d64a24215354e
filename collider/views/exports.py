"""Views of the data exports: direct downloads and background jobs."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_POST,
)

from .. import exports, selectors, services
from ..access import deny, programme_view
from ..enums import ExportStatus
from ..models import Programme
from ..privacy.archive import ARCHIVES
from ..uploads import serve_upload
from ..viewutils import act

# --- Exports ----------------------------------------------------------------------------------

#: Query parameters a dataset may read (e.g. the KPIs' reporting period); others are ignored.
EXPORT_PARAMS = ("period",)


def _export_params(query) -> dict:
    return {key: query[key] for key in EXPORT_PARAMS if query.get(key)}


@require_GET
@programme_view("collider.export_data")
def export_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Every list the user may export, with its row count: one count query per list."""
    threshold = settings.EXPORT_DIRECT_MAX_ROWS
    datasets = [
        {"dataset": d, "count": (count := d.count(programme, {})), "large": count > threshold}
        for d in exports.exports_for(request.user, programme)
    ]
    return render(
        request,
        "collider/export_list.html",
        {
            "programme": programme,
            "datasets": datasets,
            "threshold": threshold,
            "jobs": selectors.export_job_list_for(user=request.user, programme=programme),
        },
    )


def _dataset_or_404(request, programme, key: str, fmt: str):
    dataset = exports.export_get(key)
    if dataset is None or fmt not in exports.FORMATS:
        raise Http404
    return dataset


@require_GET
@programme_view("collider.export_data")
def export_download(request: HttpRequest, programme: Programme, key: str, fmt: str):
    """A small list as a file right away; a large one is sent to the exports page, which offers
    to write it in the background."""
    dataset = _dataset_or_404(request, programme, key, fmt)
    if not request.user.has_perm(dataset.scope, programme):
        return deny(request)
    params = _export_params(request.GET)
    if dataset.count(programme, params) > settings.EXPORT_DIRECT_MAX_ROWS:
        messages.info(
            request,
            _("“%(list)s” is long: prepare it in the background below.") % {"list": dataset.label},
        )
        return redirect("collider:export_list", slug=programme.slug)
    body = exports.render(dataset, programme, params, fmt)
    response = HttpResponse(body, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(programme, dataset, fmt)}"'
    )
    return response


@require_POST
@programme_view("collider.export_data")
def export_job_start(request: HttpRequest, programme: Programme, key: str, fmt: str):
    _dataset_or_404(request, programme, key, fmt)
    return act(
        request,
        lambda: services.export_job_start(
            actor=request.user,
            programme=programme,
            dataset_key=key,
            fmt=fmt,
            params=_export_params(request.POST),
        ),
        done=_("The export is being written; this page shows its progress."),
        to="collider:export_list",
        to_kwargs={"slug": programme.slug},
        next_url=lambda job: reverse("collider:export_job_detail", args=[job.pk]),
    )


@require_GET
@login_required
def export_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.export_job_get_for(user=request.user, pk=pk)
    dataset = exports.export_get(job.dataset)
    return render(
        request,
        "collider/export_job.html",
        {
            "job": job,
            "programme": job.programme,
            "label": dataset.label if dataset else ARCHIVES.get(job.dataset, job.dataset),
        },
    )


@require_GET
@login_required
def export_job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress page polls: a few numbers, never cached."""
    job = selectors.export_job_get_for(user=request.user, pk=pk)
    response = JsonResponse(
        {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "percent": job.percent,
            "finished": job.is_finished,
            "download_url": (
                reverse("collider:export_job_download", args=[job.pk])
                if job.status == ExportStatus.DONE
                else None
            ),
            "error": job.error if job.status == ExportStatus.FAILED else "",
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def export_job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.export_job_get_for(user=request.user, pk=pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    return serve_upload(
        request,
        job.file,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=exports.CONTENT_TYPES.get(job.format, "application/octet-stream"),
    )
