"""What the match-making app tells later phases, without knowing them.

Both signals are sent inside the writing transaction, so a receiver's writes (the follow-up
app moves its cooperation pipeline) commit or roll back together with the record itself.
"""

from django.dispatch import Signal

#: A 1:1 meeting was marked held. Arguments: ``request`` (MeetingRequest), ``actor``.
meeting_held = Signal()

#: The last party signed; the agreement is in force. Arguments: ``agreement``, ``actor``.
agreement_signed = Signal()
