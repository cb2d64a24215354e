"""Which state changes the audit trail records (django-auditlog), for the activity timeline,
and who made them."""

from auditlog.cid import set_cid
from auditlog.context import auditlog_value
from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models.signals import pre_save
from django.dispatch import receiver

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


#: Marks the request's context in auditlog's context variable (``signal_duid`` is how auditlog
#: tells its contexts apart; a service's ``set_actor`` sets its own while it runs).
REQUEST_CONTEXT = ("collider.audit", "request")


class AuditlogMiddleware(_AuditlogMiddleware):
    """django-auditlog's middleware (the signed-in person, their address and port on each entry
    written during the request) without connecting a receiver per request.

    Auditlog's own connects a ``pre_save`` receiver at the start of every request and
    disconnects it at the end; each connect and disconnect also empties ``pre_save``'s cache of
    receivers for every model, so the next save of anything looked them up again. That was about
    3 % of the time of every request, reads included. Here the one receiver below is connected
    once, and the request only sets and resets the context variable.
    """

    def __call__(self, request):
        set_cid(request)
        token = auditlog_value.set(self.get_extra_data(request) | {"signal_duid": REQUEST_CONTEXT})
        try:
            return self.get_response(request)
        finally:
            auditlog_value.reset(token)


@receiver(pre_save, sender=LogEntry, dispatch_uid="collider.audit.request_actor")
def _request_actor(sender, instance: LogEntry, **kwargs) -> None:
    """Fill in an entry written during a request, as auditlog's middleware did. Inside a
    service's ``set_actor`` its own receiver fills it in instead, with the actor it names."""
    context = auditlog_value.get(None)
    if context is None or context.get("signal_duid") != REQUEST_CONTEXT:
        return
    actor = context["actor"]
    if actor is not None and instance.actor is None:
        instance.actor = actor
        instance.actor_email = actor.email
    instance.remote_addr = context["remote_addr"]
    instance.remote_port = context["remote_port"]
