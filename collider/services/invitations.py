"""What programme and organisation invitations share."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..models import User


def invitation_insert(model, *, actor: User, taken: str, **fields):
    """Create an open invitation of ``model`` (to a programme or an organisation), logged as
    ``actor``'s. A second open invitation to the same address is refused with ``taken`` by
    the database's constraint, so two people inviting at once never make two."""
    with set_actor(actor):
        try:
            with transaction.atomic():
                return model.objects.create(invited_by=actor, **fields)
        except IntegrityError as error:
            raise ValidationError({"email": taken % {"email": fields["email"]}}) from error
