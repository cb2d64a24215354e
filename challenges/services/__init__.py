"""Every write of phase 4, split by entity. Keyword-only, atomic, named ``<entity>_<action>``.

Each write action is declared once in ``challenges.actions``: the declaration wraps its
service, so the lock, the guard (who, from which state) and the semantic activity entry come
from there; the service body does only what is particular to it and queues e-mail through the
outbox, which sends on commit. Callers keep using ``services.<name>`` from this package.
"""

from .challenge import *  # noqa: F403 - the package re-exports its modules' services
from .challenge import __all__ as _challenge
from .common import FUNDING_DEADLINE_OFFSETS, IDEA_DEADLINE_OFFSETS, REVIEW_DUE_OFFSET
from .funding import *  # noqa: F403
from .funding import __all__ as _funding
from .idea import *  # noqa: F403
from .idea import __all__ as _idea
from .qa import *  # noqa: F403
from .qa import __all__ as _qa
from .review import *  # noqa: F403
from .review import __all__ as _review

__all__ = [
    *_challenge,
    *_qa,
    *_idea,
    *_review,
    *_funding,
    "FUNDING_DEADLINE_OFFSETS",
    "IDEA_DEADLINE_OFFSETS",
    "REVIEW_DUE_OFFSET",
]
