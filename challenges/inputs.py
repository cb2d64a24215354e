"""What the forms and the services of phase 4 both accept: the fields of each record, the
attachment rule and the competence list. Here, not in either, so neither imports the other."""

from __future__ import annotations

from collider.uploads import MB, UploadRule

#: The challenge template's fields an owner fills in (the form adds the competences).
TEMPLATE_FIELDS = (
    "title",
    "public_summary",
    "context",
    "problem_statement",
    "scope",
    "expected_outcome",
    "constraints",
    "resources",
    "budget_min",
    "budget_max",
    "timeline",
    "ip_stance",
    "confidential_details",
)
#: An idea's fields its team fills in.
IDEA_FIELDS = (
    "title",
    "summary",
    "approach",
    "deliverables",
    "time_plan",
    "budget_estimate",
    "funding_sources",
)
#: A funding opportunity's fields the partners keep.
FUNDING_FIELDS = (
    "title",
    "kind",
    "provider",
    "description",
    "amount_min",
    "amount_max",
    "cofinancing_rate",
    "deadline",
    "eligible_sectors",
    "eligible_sizes",
    "eligible_countries",
    "link",
)
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
