"""The relationships CSV of DESIGN.md (`a,b,strength,kind,note`) as plain tie records.

These are who-knows-whom lists kept in spreadsheets, so the people already exist: `a` and `b`
are REFs (an e-mail or a unique name), not batch keys. Each tie carries the cell text as typed
(`me`, in any case, becomes the owner's key `ME`), and the writer resolves it to a person,
failing on an unknown or ambiguous name.
"""

from __future__ import annotations

from pathlib import Path

from goodword.io.csvfile import REMEMBERED, Layout, Table, read_table
from goodword.io.errors import MalformedFile
from goodword.io.records import ME, Batch, TieRecord, paused_gc
from goodword.relationships.kinds import TIE_WORDS, tie_word

EXPECTED = "'a', 'b', 'strength', 'kind', 'note'"


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
    """The column indexes, found once from the header; missing ones point at a blank cell.

    A list names each person many times over and uses a handful of kinds and strengths, so
    each distinct REF, kind and strength is parsed once and shared by every tie naming it: a
    million-row file then holds a few hundred thousand strings instead of four million.
    """

    def __init__(self, table: Table) -> None:
        self.path = table.path
        self.a = table.index("a")
        self.b = table.index("b")
        self.strength = table.index("strength")
        self.kind = table.index("kind")
        self.note = table.index("note", "notes")
        # Each keyed by the cell as typed, so a repeated cell is looked up, not parsed again.
        self.refs: dict[str, str] = {}
        # (kind, whether a and b swap roles): `adviser` is the client tie read the other way.
        self.kinds: dict[str, tuple[str, bool]] = {"": ("knows", False)} | {
            word: (kind.value, swapped) for word, (kind, swapped) in TIE_WORDS.items()
        }
        self.strengths: dict[str, float | None] = {"": None}

    def tie(self, line: int, row: list[str]) -> TieRecord:
        """Raises: MalformedFile naming the line."""
        a = self.refs.get(row[self.a]) or self._ref(line, row, self.a, "a")
        b = self.refs.get(row[self.b]) or self._ref(line, row, self.b, "b")
        if a is b or a.casefold() == b.casefold():
            raise MalformedFile(self.path, line, f"a and b are both '{a}': a tie needs two people")
        kind, swapped = self.kinds.get(row[self.kind]) or self._kind(line, row[self.kind])
        if swapped:  # `a,b,,adviser`: a is b's adviser, which is the client tie from b to a
            a, b = b, a
        note = row[self.note].strip().replace("\r\n", "\n") or None
        cell = row[self.strength]
        strength = self.strengths[cell] if cell in self.strengths else self._strength(line, cell)
        return TieRecord(a, b, line, kind, strength, note, "stated")

    def _ref(self, line: int, row: list[str], index: int, column: str) -> str:
        ref = " ".join(row[index].split())
        if not ref:
            problem = f"column {column} is empty: name the person by e-mail or unique name"
            raise MalformedFile(self.path, line, problem)
        if ref.casefold() == "me":
            ref = ME
        # "Ann  Lee" and "Ann Lee" share one string.
        ref = self.refs[row[index]] = self.refs.setdefault(ref, ref)
        return ref

    def _kind(self, line: int, cell: str) -> tuple[str, bool]:
        typed = cell.strip() or "knows"
        if (word := tie_word(typed)) is None:
            known = ", ".join(TIE_WORDS)
            raise MalformedFile(self.path, line, f"kind '{typed}' is not one of {known}")
        found = (word[0].value, word[1])
        if len(self.kinds) < REMEMBERED:
            self.kinds[cell] = found
        return found

    def _strength(self, line: int, cell: str) -> float | None:
        """0 to 1, optional; a decimal comma (0,8) is accepted for spreadsheets saved in Europe."""
        text = cell.strip()
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
        if len(self.strengths) < REMEMBERED:
            self.strengths[cell] = value
        return value
