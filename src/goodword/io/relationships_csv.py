"""The relationships CSV of DESIGN.md (`a,b,strength,kind,note`) as plain tie records.

These are who-knows-whom lists kept in spreadsheets, so the people already exist: `a` and `b`
are REFs (an e-mail or a unique name), not batch keys. Each tie carries the cell text as typed
(`me`, in any case, becomes the owner's key `ME`), and the writer resolves it to a person,
failing on an unknown or ambiguous name.
"""

from __future__ import annotations

from pathlib import Path

from goodword.io.csvfile import Layout, Table, read_table
from goodword.io.errors import MalformedFile
from goodword.io.records import ME, Batch, TieRecord, paused_gc
from goodword.relationships.kinds import TieKind

EXPECTED = "'a', 'b', 'strength', 'kind', 'note'"
TIE_KINDS = frozenset(kind.value for kind in TieKind)


def parse_relationships_csv(path: Path) -> Batch:
    """Stated ties, one a row; a bad strength, kind or missing person rejects the whole file.

    Raises: MalformedFile naming the line.
    """
    table = read_table(
        path, accept=(Layout.RELATIONSHIPS,), what="a relationships CSV", expected=EXPECTED
    )
    columns = _Columns(table)
    batch = Batch()
    with paused_gc():
        for line, row in table.rows:
            batch.ties.append(columns.tie(line, row))
    return batch


class _Columns:
    """The column indexes, found once from the header; missing ones point at a blank cell."""

    def __init__(self, table: Table) -> None:
        self.path = table.path
        self.a = table.index("a")
        self.b = table.index("b")
        self.strength = table.index("strength")
        self.kind = table.index("kind")
        self.note = table.index("note", "notes")

    def tie(self, line: int, row: list[str]) -> TieRecord:
        """Raises: MalformedFile naming the line."""
        a, b = self._ref(line, row, self.a, "a"), self._ref(line, row, self.b, "b")
        if a.casefold() == b.casefold():
            raise MalformedFile(self.path, line, f"a and b are both '{a}': a tie needs two people")
        kind = row[self.kind].strip().lower() or "knows"
        if kind not in TIE_KINDS:
            known = ", ".join(sorted(TIE_KINDS))
            raise MalformedFile(self.path, line, f"kind '{kind}' is not one of {known}")
        note = row[self.note].strip().replace("\r\n", "\n") or None
        strength = self._strength(line, row[self.strength].strip())
        return TieRecord(
            a=a, b=b, line=line, kind=kind, strength=strength, note=note, source="stated"
        )

    def _ref(self, line: int, row: list[str], index: int, column: str) -> str:
        ref = " ".join(row[index].split())
        if not ref:
            problem = f"column {column} is empty: name the person by e-mail or unique name"
            raise MalformedFile(self.path, line, problem)
        return ME if ref.casefold() == "me" else ref

    def _strength(self, line: int, text: str) -> float | None:
        """0 to 1, optional; a decimal comma (0,8) is accepted for spreadsheets saved in Europe."""
        if not text:
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            problem = f"strength '{text}' is not a number: use a number from 0 to 1"
            raise MalformedFile(self.path, line, problem) from None
        if not 0.0 <= value <= 1.0:  # also false for NaN
            problem = f"strength {text} is outside 0–1: use a number from 0 to 1"
            raise MalformedFile(self.path, line, problem)
        return value
