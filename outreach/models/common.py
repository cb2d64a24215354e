"""What the outreach models share."""

from __future__ import annotations


def _programme_data(self) -> dict:
    return {"programme": self.programme_id}
