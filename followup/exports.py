"""Programme exports (tablib: CSV and XLSX): participants, events with attendance, KPIs.

Each dataset is built from one or two queries streamed with ``iterator()``, so exports of many
thousand rows stay flat in queries and memory per row.
"""

from __future__ import annotations

import tablib
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from collider.enums import MembershipStatus, RegistrationStatus, Role
from collider.models import Event, Membership, Programme

from .models import ReportingPeriod
from .selectors import kpi_rows

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def participants_dataset(programme: Programme) -> tablib.Dataset:
    data = tablib.Dataset(
        headers=["name", "email", "sector", "organisation", "country", "status", "joined"],
        title="Participants",
    )
    rows = (
        Membership.objects.filter(programme=programme, role=Role.PARTICIPANT)
        .exclude(status=MembershipStatus.REJECTED)
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )
    for m in rows.iterator(chunk_size=2000):
        data.append(
            [
                m.user.display_name,
                m.user.email,
                m.sector,
                m.organisation.name if m.organisation_id else "",
                str(m.organisation.country) if m.organisation_id else "",
                m.status,
                m.created_at.date().isoformat(),
            ]
        )
    return data


def events_dataset(programme: Programme) -> tablib.Dataset:
    data = tablib.Dataset(
        headers=["title", "kind", "starts_at", "status", "registered", "attended"],
        title="Events",
    )
    rows = (
        Event.objects.filter(programme=programme)
        .annotate(
            registered=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            attended_count=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("starts_at", "pk")
    )
    for event in rows.iterator(chunk_size=2000):
        data.append(
            [
                event.title,
                event.kind,
                event.starts_at.isoformat(),
                event.status,
                event.registered,
                event.attended_count,
            ]
        )
    return data


def kpis_dataset(period: ReportingPeriod) -> tablib.Dataset:
    data = tablib.Dataset(
        headers=["key", "indicator", "computed", "correction", "value", "target", "locked"],
        title="KPIs",
    )
    locked = _("yes") if period.is_locked else _("no")
    for row in kpi_rows(period=period):
        data.append(
            [
                row.key,
                row.label,
                row.computed,
                row.correction,
                row.value,
                "" if row.target is None else row.target,
                locked,
            ]
        )
    return data


def render(data: tablib.Dataset, fmt: str) -> tuple[bytes, str]:
    if fmt not in CONTENT_TYPES:
        raise Http404
    body = data.export(fmt)
    if isinstance(body, str):
        # A BOM so spreadsheet programs open the UTF-8 file with the right encoding.
        body = ("\ufeff" + body).encode("utf-8")
    return body, CONTENT_TYPES[fmt]
