"""What the tandem view modules share."""

from __future__ import annotations

#: The navigation tab a tandem page shows as current unless it names its own.
TAB = "tandems:tandem_detail"
