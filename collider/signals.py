"""The core reacting to its own models, however they are saved (service, Django admin, shell)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Programme
from .services.programmes import programme_phases_ensure


@receiver(post_save, sender=Programme, dispatch_uid="collider_programme_phases")
def programme_created(sender, instance: Programme, created: bool, **kwargs) -> None:
    # A programme without its six phases has no timeline, no phase pages and no next steps.
    # Fixtures (raw saves) bring their own phase rows.
    if created and not kwargs.get("raw"):
        programme_phases_ensure(programme=instance)
