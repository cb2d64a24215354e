"""Training reacts to the core's attendance marking: attendees are asked for feedback.

The core's ``attendance_mark`` saves each changed registration with ``update_fields``
including ``attended``; a registration of a training session or company visit that became
"present" gets a feedback (or reflection) request through the outbox, once per registration.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from collider.enums import EventKind
from collider.models import Registration

from . import services


@receiver(post_save, sender=Registration, dispatch_uid="training_feedback_request")
def request_feedback_after_attendance(sender, instance: Registration, update_fields=None, **kw):
    if kw.get("raw"):  # a fixture or snapshot being loaded: its outbox rows come with it
        return
    if not instance.attended or (update_fields is not None and "attended" not in update_fields):
        return
    if instance.event.kind not in (EventKind.TRAINING_SESSION, EventKind.COMPANY_VISIT):
        return
    if not hasattr(instance.event, "training"):
        return
    # Inside the core's transaction the outbox row commits (or rolls back) with attendance;
    # the dedupe key makes re-marking the same person present a no-op.
    services.feedback_request_schedule(registration=instance)
