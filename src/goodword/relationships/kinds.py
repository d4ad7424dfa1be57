"""Kinds and sources of ties: pure, so file parsers can check them without the database."""

from __future__ import annotations

from enum import StrEnum

from goodword.errors import InvalidInput


class TieKind(StrEnum):
    """Each kind names the role of person A and, for asymmetric kinds, of person B."""

    KNOWS = "knows"
    COLLEAGUE = "colleague"
    FRIEND = "friend"
    FAMILY = "family"
    INTRODUCED = "introduced"
    SUPPLIER = "supplier"
    MENTOR = "mentor"
    CLIENT = "client"
    PARTNER = "partner"

    @property
    def labels(self) -> tuple[str, str]:
        """(label of the first person, label of the second), as Monica's relationship types."""
        return _LABELS.get(self, (self.value, self.value))


_LABELS: dict[TieKind, tuple[str, str]] = {
    TieKind.INTRODUCED: ("introduced", "introduced by"),
    TieKind.SUPPLIER: ("supplier", "customer"),
    TieKind.MENTOR: ("mentor", "mentee"),
    TieKind.CLIENT: ("client", "adviser"),
    TieKind.KNOWS: ("knows", "knows"),
}


def _tie_words() -> dict[str, tuple[TieKind, bool]]:
    words: dict[str, tuple[TieKind, bool]] = {}
    for kind in TieKind:
        first, second = kind.labels
        words.setdefault(first, (kind, False))
        words.setdefault(second, (kind, True))
    return words


# Every word a tie is shown with is a word `knows` and imports accept: `person show` calls one
# side of a client tie an "adviser", so `knows --kind adviser` must mean it (the people swapped).
TIE_WORDS: dict[str, tuple[TieKind, bool]] = _tie_words()
_SPELLINGS = {"advisor": "adviser", "introducer": "introduced"}


def tie_word(raw: str) -> tuple[TieKind, bool] | None:
    """(kind, whether the two people swap roles) for a word a tie is named by, else None."""
    word = " ".join(raw.replace("-", " ").replace("_", " ").lower().split())
    return TIE_WORDS.get(_SPELLINGS.get(word, word))


def parse_tie_kind(raw: str) -> tuple[TieKind, bool]:
    """`tie_word`, for text a person typed.

    Raises: InvalidInput listing every accepted word.
    """
    if (found := tie_word(raw)) is None:
        raise InvalidInput(f"Unknown tie kind '{raw}'; use one of: {', '.join(TIE_WORDS)}.")
    return found


class TieSource(StrEnum):
    STATED = "stated"
    IMPORTED = "imported"
    INFERRED = "inferred"
