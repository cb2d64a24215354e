"""Comparing people's names as people type them: "Ana Marić", "ana  maric" and "ANA MARIĆ"
are one name; "Ana Marković" is another."""

from __future__ import annotations

import unicodedata


def name_key(text: str) -> str:
    """``text`` without accents (NFKD, combining marks dropped), case-folded, with runs of
    whitespace collapsed to one space."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def same_name(typed: str, expected: str) -> bool:
    """Whether ``typed`` names ``expected``, whatever the case, accents and spacing."""
    key = name_key(typed)
    return bool(key) and key == name_key(expected)
