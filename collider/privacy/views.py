"""Pages of the personal-data lifecycle: a person's privacy page, the privacy notice, and the
platform admin's erasure requests and retention runs."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..access import deny
from ..enums import ErasureStatus, OrganisationRole
from ..models import ErasureRequest, ExportJob, Organisation, RetentionRun
from ..viewutils import act, form_data, paginate, submit
from . import archive, consents_of, declarations, obligations_of, retention_rules, services
from .forms import ErasureConfirmForm, ErasureNowForm, ErasureOnRequestForm, PrivacyNoticeForm


def _admin_only(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("collider.manage_privacy"):
            return deny(request)
        return view(request, *args, **kwargs)

    return wrapper


def _pending_erasure(user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).first()


def _administered_organisations(user):
    return Organisation.objects.filter(
        organisationmember__user=user, organisationmember__role=OrganisationRole.ADMIN
    ).order_by("name", "pk")


# --- A person's own page ------------------------------------------------------------------------


@require_GET
@login_required
def privacy(request: HttpRequest) -> HttpResponse:
    """What the person agreed to, their data archives, and erasure."""
    user = request.user
    notice = services.current_notice()
    accepted = notice is not None and notice.pk in {
        a.notice_id for a in user.notice_acceptances.all()
    }
    jobs = ExportJob.objects.filter(user=user, format=archive.FORMAT).select_related(
        "organisation"
    )[:10]
    return render(
        request,
        "collider/privacy/privacy.html",
        {
            "consents": consents_of(user),
            "notice": notice,
            "notice_accepted": accepted,
            "organisations": _administered_organisations(user),
            "jobs": jobs,
            "archive_labels": archive.ARCHIVES,
            "pending": _pending_erasure(user),
            "grace_days": settings.PRIVACY_ERASURE_GRACE_DAYS,
        },
    )


@require_POST
@login_required
def privacy_export(request: HttpRequest) -> HttpResponse:
    job = services.privacy_archive_start(actor=request.user)
    return redirect("collider:export_job_detail", pk=job.pk)


@require_POST
@login_required
def privacy_organisation_export(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's data for its administrators; any other organisation is 404."""
    organisation = get_object_or_404(_administered_organisations(request.user), pk=pk)
    job = services.privacy_archive_start(actor=request.user, organisation=organisation)
    return redirect("collider:export_job_detail", pk=job.pk)


def _erasure_context(user) -> dict:
    return {
        "obligations": obligations_of(user),
        "kinds": [d for d in declarations() if d.note],
        "grace_days": settings.PRIVACY_ERASURE_GRACE_DAYS,
    }


@require_http_methods(["GET", "POST"])
@login_required
def privacy_erase(request: HttpRequest) -> HttpResponse:
    """What erasure does and what happens to what is still open, then the confirmation."""
    pending = _pending_erasure(request.user)
    if pending is not None:
        return redirect("collider:privacy")
    form = ErasureConfirmForm(form_data(request))

    def done(erasure) -> HttpResponse:
        messages.success(
            request,
            _(
                "Your erasure is scheduled. Until then you can cancel it here and download "
                "your data."
            ),
        )
        return redirect("collider:privacy")

    return submit(
        request,
        form,
        lambda data: services.erasure_request(actor=request.user, user=request.user),
        done,
        template="collider/privacy/erase.html",
        context=_erasure_context(request.user),
    )


@require_POST
@login_required
def privacy_erase_cancel(request: HttpRequest) -> HttpResponse:
    pending = _pending_erasure(request.user)
    if pending is None:
        messages.info(request, _("No erasure is scheduled."))
        return redirect("collider:privacy")
    return act(
        request,
        lambda: services.erasure_cancel(actor=request.user, request=pending),
        done=_("The erasure is cancelled: your account stays as it is."),
        to="collider:privacy",
    )


# --- The privacy notice -------------------------------------------------------------------------


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    notice = services.current_notice()
    accepted = (
        notice is not None
        and request.user.is_authenticated
        and request.user.notice_acceptances.filter(notice=notice).exists()
    )
    return render(request, "collider/privacy/notice.html", {"notice": notice, "accepted": accepted})


@require_POST
@login_required
def privacy_notice_accept(request: HttpRequest) -> HttpResponse:
    """Accept the version that was shown (a stale tab accepts nothing newer than it saw)."""
    notice = services.current_notice()
    if notice is None or request.POST.get("version", "") != str(notice.version):
        messages.error(
            request, _("The privacy notice changed while you were reading it: read it again.")
        )
        return redirect("collider:privacy_notice")
    services.privacy_notice_accept(user=request.user, notice=notice)
    messages.success(request, _("Thank you: your acceptance is recorded."))
    return redirect("collider:privacy_notice")


@require_http_methods(["GET", "POST"])
@_admin_only
def privacy_notice_edit(request: HttpRequest) -> HttpResponse:
    notice = services.current_notice()
    form = PrivacyNoticeForm(form_data(request), instance=notice, record=notice)

    def done(published) -> HttpResponse:
        messages.success(
            request, _("Version %(version)s is published.") % {"version": published.version}
        )
        return redirect("collider:privacy_notice")

    return submit(
        request,
        form,
        lambda data: services.privacy_notice_publish(
            actor=request.user, body=data["body"], based_on=data.get("based_on")
        ),
        done,
        template="collider/privacy/notice_form.html",
        context={"notice": notice},
    )


# --- Platform admins: erasure on request, retention ---------------------------------------------


@require_http_methods(["GET", "POST"])
@_admin_only
def erasure_list(request: HttpRequest) -> HttpResponse:
    """Every erasure request, newest first, and the form to file one a person sent us."""
    form = ErasureOnRequestForm(form_data(request))
    requests = ErasureRequest.objects.select_related("user", "requested_by")

    def done(erasure) -> HttpResponse:
        messages.success(request, _("The erasure is scheduled."))
        return redirect("collider:erasure_detail", pk=erasure.pk)

    return submit(
        request,
        form,
        lambda data: services.erasure_request(
            actor=request.user, user=data["email"], note=data["note"]
        ),
        done,
        template="collider/privacy/erasure_list.html",
        context={
            "page": paginate(request, requests),
            "grace_days": settings.PRIVACY_ERASURE_GRACE_DAYS,
        },
    )


@require_GET
@_admin_only
def erasure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(ErasureRequest.objects.select_related("user"), pk=pk)
    return render(
        request,
        "collider/privacy/erasure_detail.html",
        {"erasure": erasure, "form": ErasureNowForm(), **_erasure_context(erasure.user)},
    )


@require_POST
@_admin_only
def erasure_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(ErasureRequest, pk=pk)
    return act(
        request,
        lambda: services.erasure_cancel(actor=request.user, request=erasure),
        done=_("The erasure is cancelled."),
        to="collider:erasure_detail",
        to_kwargs={"pk": pk},
    )


@require_POST
@_admin_only
def erasure_execute(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(ErasureRequest.objects.select_related("user"), pk=pk)
    form = ErasureNowForm(request.POST)
    if not request.user.has_perm("collider.execute_erasure", erasure):
        messages.error(request, _("This erasure is no longer scheduled."))
        return redirect("collider:erasure_detail", pk=pk)

    def done(result) -> HttpResponse:
        messages.success(request, _("The person is erased."))
        return redirect("collider:erasure_detail", pk=pk)

    return submit(
        request,
        form,
        lambda data: services.erasure_execute(request_id=erasure.pk, actor=request.user),
        done,
        template="collider/privacy/erasure_detail.html",
        context={"erasure": erasure, **_erasure_context(erasure.user)},
    )


@require_GET
@_admin_only
def retention_runs(request: HttpRequest) -> HttpResponse:
    rules = [
        {"label": rule.label, "days": getattr(settings, rule.setting), "setting": rule.setting}
        for rule in retention_rules()
    ]
    return render(
        request,
        "collider/privacy/retention_runs.html",
        {"page": paginate(request, RetentionRun.objects.all()), "rules": rules},
    )


@require_POST
@_admin_only
def retention_run_now(request: HttpRequest) -> HttpResponse:
    run = services.retention_sweep()
    messages.success(
        request,
        _("The retention rules ran: %(count)s records anonymised.") % {"count": run.total},
    )
    return redirect("collider:retention_runs")
