"""What the forms and the services of phase 4 both accept: the attachment rule and the
competence list. Here, not in either, so neither layer imports the other."""

from __future__ import annotations

from collider.uploads import MB, UploadRule

MAX_ATTACHMENTS = 10
#: What an idea can carry as attachment (checked by the platform's one upload validator).
ATTACHMENTS = UploadRule(kinds=("pdf", "png", "jpeg", "webp"), max_bytes=5 * MB)


def competences_parse(text: str) -> list[str]:
    """Comma-separated competences, trimmed, de-duplicated case-insensitively, in order."""
    seen: dict[str, str] = {}
    for raw in text.split(","):
        name = " ".join(raw.split())[:60]
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())
