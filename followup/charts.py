"""A server-rendered KPI chart: value against target as horizontal bars, drawn as SVG.

Pure geometry here; ``templates/followup/_kpi_chart.svg`` draws it. The same markup serves the
web page (inline SVG with presentation attributes, so the strict CSP holds) and WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Iterable

WIDTH = 640
LABEL_WIDTH = 250
BAR_AREA = WIDTH - LABEL_WIDTH - 70
ROW_HEIGHT = 30
TOP = 8


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)


def kpi_chart(rows: Iterable) -> dict | None:
    """Bars for the indicators that have a target (rows are ``KpiRow``s or snapshot dicts).

    Each bar's scale is the larger of value and target, so the target mark always fits and a
    value past its target shows as a bar running beyond the mark. None without any target.
    """
    with_target = [row for row in rows if _get(row, "target")]
    if not with_target:
        return None
    scale = max(max(_get(r, "value"), _get(r, "target")) for r in with_target) or 1
    bars = []
    for index, row in enumerate(with_target):
        value, target = max(_get(row, "value"), 0), _get(row, "target")
        y = TOP + index * ROW_HEIGHT
        bars.append(
            {
                "label": _get(row, "label"),
                "value": _get(row, "value"),
                "target": target,
                "progress": value * 100 // target,
                "y": y,
                "text_y": y + 15,
                "bar_width": round(BAR_AREA * value / scale, 1),
                "target_x": round(LABEL_WIDTH + BAR_AREA * target / scale, 1),
                "value_x": round(LABEL_WIDTH + BAR_AREA * value / scale + 6, 1),
                "met": value >= target,
                # The same geometry in per cent of the bar area, for the PDFs' HTML bars.
                "fill_percent": round(100 * value / scale, 1),
                "target_percent": round(100 * target / scale, 1),
            }
        )
    return {
        "width": WIDTH,
        "height": TOP * 2 + ROW_HEIGHT * len(bars),
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bars": bars,
    }
