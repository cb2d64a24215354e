"""How a competence written in words meets the programme's taxonomy. Pure; no Django models, so
the data migration that mapped old free-text competences uses the very same rule."""

from __future__ import annotations

import re
from collections.abc import Iterable


def terms_named_in(text: str, names: Iterable[str]) -> list[str]:
    """The taxonomy terms a competence ``text`` names: the term equal to it (any case), else
    every term that appears in it as a whole word ("UX research" names "UX", "Luxury goods"
    does not), in the order the text names them. Longer terms are tried first, so "service
    design" is one term, not also "design"."""
    wanted = " ".join(text.split()).lower()
    by_lower = {" ".join(n.split()).lower(): n for n in names if n.strip()}
    if wanted in by_lower:
        return [by_lower[wanted]]
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for lower in sorted(by_lower, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(lower)}(?!\w)", wanted):
            span = match.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            found.append((span[0], by_lower[lower]))
            break
    return [name for _start, name in sorted(found)]
