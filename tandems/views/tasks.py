"""Views of the tasks and the timeline."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from collider.access import programme_view
from collider.enums import Phase
from collider.models import Programme
from collider.viewutils import form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..forms import (
    TaskFilterForm,
    TaskForm,
)

# --- Tasks ------------------------------------------------------------------------------------


def _task_filters(request, programme):
    form = TaskFilterForm(request.GET or None, programme=programme)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "phase": data["phase"],
            "status": data["status"],
            "owner": data["owner"].pk if data["owner"] else None,
            "overdue": data["overdue"],
        }
    return form, filters


@require_GET
@programme_view("tandems.view_tandem")
def task_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    form, filters = _task_filters(request, programme)
    return render(
        request,
        "tandems/task_list.html",
        {
            "programme": programme,
            "filter_form": form,
            "page": _page(request, selectors.task_list(programme=programme, **filters)),
            "today": timezone.localdate(),
            "tab": "tandems:task_list",
        },
    )


@require_GET
@programme_view("tandems.view_tandem")
def timeline(request: HttpRequest, programme: Programme) -> HttpResponse:
    form, filters = _task_filters(request, programme)
    tasks = list(selectors.task_list(programme=programme, **filters))
    return render(
        request,
        "tandems/timeline.html",
        {
            "programme": programme,
            "filter_form": form,
            "timeline": selectors.timeline_build(tasks),
            "phases": Phase.choices,
            "tab": "tandems:task_list",
        },
    )


def _task_form_view(request, programme, task=None):
    staff = selectors.partner_staff_users(programme=programme)

    def save(data):
        fields = {name: data[name] for name in TaskForm.Meta.fields}
        if task is None:
            return services.task_create(actor=request.user, programme=programme, **fields)
        return services.task_update(
            actor=request.user, task=task, based_on=data["based_on"], **fields
        )

    def saved(_task):
        messages.success(request, _("Task saved."))
        return redirect("tandems:task_list", slug=programme.slug)

    return submit(
        request,
        TaskForm(form_data(request), instance=task, programme=programme, staff=staff),
        save,
        saved,
        template="tandems/task_form.html",
        context={"programme": programme, "task": task, "tab": "tandems:task_list"},
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def task_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _task_form_view(request, programme)


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def task_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _task_form_view(request, programme, selectors.task_get(programme=programme, pk=pk))
