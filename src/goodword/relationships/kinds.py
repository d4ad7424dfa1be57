"""Kinds and sources of ties: pure, so file parsers can check them without the database."""

from __future__ import annotations

from enum import StrEnum


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


class TieSource(StrEnum):
    STATED = "stated"
    IMPORTED = "imported"
    INFERRED = "inferred"
