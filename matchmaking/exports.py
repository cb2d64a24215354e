"""Match-making's lists in the core's export registry (collider.exports)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from collider.exports import CHUNK, register_export

from .models import Agreement, MeetingRequest


def _meetings(programme):
    return MeetingRequest.objects.filter(workshop__event__programme=programme)


def _side(profile):
    organisation = profile.organisation
    return [
        profile.user.display_name,
        organisation.name if organisation else "",
        organisation.country.name if organisation else "",
    ]


def _meeting_rows(programme, params):
    rows = (
        _meetings(programme)
        .select_related(
            "workshop__event",
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
            "slot",
            "table",
        )
        .order_by("workshop__event__starts_at", "slot__starts_at", "pk")
    )
    for m in rows.iterator(chunk_size=CHUNK):
        yield [
            m.workshop.event.title,
            *_side(m.requester),
            *_side(m.recipient),
            m.get_status_display(),
            m.slot.starts_at if m.slot_id else None,
            m.table.name if m.table_id else "",
            m.held_at,
        ]


register_export(
    "meetings",
    _("Match-making meetings"),
    headers=[
        _("Workshop"),
        _("Requested by"),
        _("Requester's organisation"),
        _("Requester's country"),
        _("Requested from"),
        _("Recipient's organisation"),
        _("Recipient's country"),
        _("Status"),
        _("Slot"),
        _("Table"),
        _("Held at"),
    ],
    rows_fn=_meeting_rows,
    count_fn=lambda programme, params: _meetings(programme).count(),
    order=40,
)


def _agreements(programme):
    return Agreement.objects.filter(programme=programme)


def _agreement_rows(programme, params):
    rows = (
        _agreements(programme)
        .annotate(
            party_count=Count("parties", distinct=True),
            signed_count=Count(
                "parties", filter=Q(parties__signed_at__isnull=False), distinct=True
            ),
            deliverable_count=Count("deliverables", distinct=True),
        )
        .order_by("created_at", "pk")
    )
    for a in rows.iterator(chunk_size=CHUNK):
        yield [
            a.title,
            a.get_kind_display(),
            a.get_status_display(),
            a.revision,
            a.party_count,
            a.signed_count,
            a.deliverable_count,
            a.starts_on,
            a.ends_on,
            a.budget,
            a.signed_at,
        ]


register_export(
    "agreements",
    _("Agreements"),
    headers=[
        _("Agreement"),
        _("Kind"),
        _("Status"),
        _("Revision"),
        _("Parties"),
        _("Signatures"),
        _("Deliverables"),
        _("Starts on"),
        _("Ends on"),
        _("Budget (EUR)"),
        _("Signed at"),
    ],
    rows_fn=_agreement_rows,
    count_fn=lambda programme, params: _agreements(programme).count(),
    order=41,
)
