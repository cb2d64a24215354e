"""The network view across programmes and its CSV."""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
)

from .. import exports, selectors
from ..access import deny
from ..forms import (
    NetworkForm,
)

# --- The network view -------------------------------------------------------------------------


#: The indicator the network chart shows unless another is chosen.
NETWORK_CHART = "international.meetings"


def _network_form(request):
    """The span from the query string; this calendar year when none is given."""
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("start", today.replace(month=1, day=1).isoformat())
    data.setdefault("end", today.replace(month=12, day=31).isoformat())
    data.setdefault("kpi", NETWORK_CHART)
    return NetworkForm(data)


def _network_or_deny(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("collider.view_network"):
            return deny(request)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@_network_or_deny
def network(request: HttpRequest) -> HttpResponse:
    """Every programme's indicators rolled up for platform admins, by programme and country."""
    form = _network_form(request)
    if not form.is_valid():
        return render(request, "collider/network.html", {"form": form}, status=400)
    report = selectors.network_rollup(
        start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )
    chart_key = form.cleaned_data.get("kpi") or NETWORK_CHART
    return render(
        request,
        "collider/network.html",
        {"form": form, "report": report, "chart": network_chart(report, chart_key)},
    )


@require_GET
@_network_or_deny
def network_csv(request: HttpRequest) -> HttpResponse:
    form = _network_form(request)
    if not form.is_valid():
        return HttpResponse(
            " ".join(form.errors.get("__all__", [])) or _("Give a valid span."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    report = selectors.network_rollup(
        start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )

    def rows():
        for scope, lines in ((_("Programme"), report.programmes), (_("Country"), report.countries)):
            for r in lines:
                yield [scope, r.label, r.programmes, *r.values]
        t = report.total
        yield [_("Total"), t.label, t.programmes, *t.values]

    table = exports.table(
        key="network",
        label=_("Network"),
        headers=[_("Per"), _("Name"), _("Programmes"), *[k.label for k in report.kpis]],
        rows=rows,
    )
    response = HttpResponse(
        exports.render(table, None, {}, "csv"), content_type=exports.CONTENT_TYPES["csv"]
    )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    response["Content-Disposition"] = f'attachment; filename="network-{start}-{end}.csv"'
    return response


#: Geometry of the network chart (SVG user units).
CHART_WIDTH, CHART_BAR, CHART_GAP, CHART_LABEL = 640, 22, 8, 220


def network_chart(report, key: str) -> dict | None:
    """Horizontal bars of one indicator per programme, laid out here so the SVG needs no JS."""
    index = next((i for i, k in enumerate(report.kpis) if k.key == key), None)
    if index is None or not report.programmes:
        return None
    kpi = report.kpis[index]
    values = [row.values[index] or 0 for row in report.programmes]
    top = max(values) or 1
    span = CHART_WIDTH - CHART_LABEL - 60
    bars = [
        {
            "label": row.label,
            "value": value,
            "y": i * (CHART_BAR + CHART_GAP),
            "text_y": i * (CHART_BAR + CHART_GAP) + CHART_BAR * 0.7,
            "width": round(span * value / top, 1),
            "value_x": CHART_LABEL + round(span * value / top, 1) + 6,
        }
        for i, (row, value) in enumerate(zip(report.programmes, values, strict=True))
    ]
    return {
        "kpi": kpi,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": len(bars) * (CHART_BAR + CHART_GAP),
        "bar": CHART_BAR,
        "label_x": CHART_LABEL - 8,
        "bar_x": CHART_LABEL,
    }
