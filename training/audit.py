"""Which training changes the audit trail records (shown on the programme's activity page)."""

from auditlog.registry import auditlog

from .models import Certificate, Feedback, Material, Module, Session, SessionOutput

auditlog.register(Module, include_fields=["title", "dimension", "format", "audience", "language"])
auditlog.register(Session, include_fields=["module", "confidentiality_text", "virtual_tour_url"])
auditlog.register(SessionOutput, include_fields=["kind", "title", "url", "alt_text"])
auditlog.register(Feedback, include_fields=["rating"])
auditlog.register(Material, include_fields=["title", "kind", "dimension", "audience", "url"])
auditlog.register(Certificate, include_fields=["code", "holder_name"])
