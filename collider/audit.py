"""Which state changes the audit trail records (django-auditlog), for the activity timeline."""

from auditlog.registry import auditlog

from .models import (
    Event,
    Invitation,
    Membership,
    OrganisationInvitation,
    OrganisationMember,
    Programme,
    ProgrammePhase,
    Registration,
)

auditlog.register(Programme, include_fields=["name", "status", "starts_on", "ends_on"])
auditlog.register(ProgrammePhase, include_fields=["starts_on", "ends_on", "override", "state"])
auditlog.register(Membership, include_fields=["role", "sector", "status", "organisation"])
auditlog.register(
    Invitation, include_fields=["email", "role", "organisation", "accepted_at", "revoked_at"]
)
auditlog.register(
    OrganisationInvitation, include_fields=["email", "role", "accepted_at", "revoked_at"]
)
auditlog.register(OrganisationMember, include_fields=["role"])
auditlog.register(Event, include_fields=["title", "starts_at", "ends_at", "capacity", "status"])
auditlog.register(Registration, include_fields=["status", "attended"])
