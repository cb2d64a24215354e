"""What the challenges app tells later phases, without knowing them (sent inside the writing
transaction, so receivers' writes commit or roll back with the record)."""

from django.dispatch import Signal

#: The lead of a selected idea confirmed the team goes on to cooperation.
#: Arguments: ``idea``, ``actor``.
idea_selection_confirmed = Signal()
