"""Writing the ties and interactions of a batch, in bulk, skipping what is already stored."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from goodword.errors import GoodwordError
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.io.errors import MalformedFile
from goodword.io.records import ME, InteractionRecord, TieRecord
from goodword.io.references import References
from goodword.io.report import ImportReport
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.restating import restate_tie
from goodword.storage.bulk import CHUNK as BULK_CHUNK
from goodword.storage.bulk import insert_returning_ids, insert_rows, insert_values
from goodword.storage.session import workspace_id
from goodword.text import clean_text, nfc

CHUNK = 500
PAGE = 10_000  # rows fetched at a time in a pass over the workspace's ties


def write_ties(
    session: Session, ties: Sequence[TieRecord], keys: dict[str, int], report: ImportReport
) -> None:
    """A tie's ends are batch keys, or REFs (id, e-mail, unique name) for relationship lists.

    Raises: MalformedFile when an end names nobody, or several people, or the kind is unknown.
    """
    ends = _Ends(session, ties, keys, report.file)
    pairs = _pairs(ties, ends, report)
    stored = _stored_ties(session, pairs.keys())
    changed = []
    for pair, known in stored.items():
        tie = pairs.pop(pair)
        if _update_tie(known, tie, ends.ids[tie.a]):
            changed.append(known)
    _save_ties(session, changed)
    report.ties_updated += len(changed)
    rows = _new_rows(workspace_id(session), pairs, ends.ids)
    insert_values(session, Relationship, _TIE_COLUMNS, rows)
    report.ties_created += len(pairs)


class _Ends:
    """The person ids ties name: batch keys as given, REFs looked up in bulk (`References`)."""

    def __init__(
        self, session: Session, ties: Sequence[TieRecord], keys: dict[str, int], file: str
    ) -> None:
        self.keys = keys
        self.file = file
        self.refs = References(
            session, {ref for tie in ties for ref in (tie.a, tie.b) if ref not in keys}
        )
        self.ids = self.refs.ids  # one dict for all, as a million-row list names many
        self.ids.update(keys)

    def person(self, ref: str, line: int) -> int | None:
        """The id of a REF the bulk lookup left open (a near or misspelt name), or None for a
        batch key with no person.

        Raises: MalformedFile naming the line when the REF names nobody or several people.
        """
        if (pid := self.ids.get(ref)) or ref in self.keys:
            return pid or None
        try:
            pid = self.ids[ref] = self.refs.person(ref)
        except GoodwordError as exc:
            raise MalformedFile(self.file, line, exc.message) from None
        return pid


def _pairs(
    ties: Sequence[TieRecord], ends: _Ends, report: ImportReport
) -> dict[tuple[int, int], TieRecord]:
    """Each pair once, lower id first, with the tie that decides it: its last stated tie,
    else its first other one.

    Raises: MalformedFile naming the first line whose REF names nobody or several people.
    """
    ids = ends.ids
    pairs: dict[tuple[int, int], TieRecord] = {}
    for tie in ties:
        a = ids.get(tie.a) or ends.person(tie.a, tie.line)
        b = ids.get(tie.b) or ends.person(tie.b, tie.line)
        if a is None or b is None or a == b:
            # Two addresses of one person in a meeting are no tie; a row saying so is told.
            if a is not None and a == b and tie.source == TieSource.STATED:
                named = " and ".join(f"'{'me' if r == ME else r}'" for r in (tie.a, tie.b))
                report.skip(tie.line, f"{named} are one person (#{a})")
            continue
        if tie.kind not in _KINDS or tie.source not in _SOURCES:
            raise MalformedFile(report.file, tie.line, f"unknown tie kind '{tie.kind}'")
        if tie.strength is not None and not 0 <= tie.strength <= 1:
            problem = f"strength {tie.strength} is not within 0–1"
            raise MalformedFile(report.file, tie.line, problem)
        pair = (a, b) if a < b else (b, a)
        if tie.source == TieSource.STATED or pair not in pairs:
            pairs[pair] = tie
    return pairs


_KINDS = {kind.value: kind for kind in TieKind}
_SOURCES = {source.value: source for source in TieSource}


@dataclass(slots=True)
class _StoredTie:
    """A stored tie's id and what a restatement may change (see `restate_tie`)."""

    id: int
    person_a_id: int
    kind: TieKind
    reversed: bool
    strength: float | None
    note: str | None
    source: TieSource
    since: date | None

    def fields(self) -> tuple[Any, ...]:
        return self.kind, self.reversed, self.strength, self.note, self.source, self.since


_TIE_FIELDS = ("kind", "reversed", "strength", "note", "source", "since")
_TIE_COLUMNS = ("workspace_id", "person_a_id", "person_b_id", *_TIE_FIELDS)


def _stored_ties(
    session: Session, pairs: Collection[tuple[int, int]]
) -> dict[tuple[int, int], _StoredTie]:
    """The stored ties among `pairs`: their ids first, then the fields of those found.

    The pairs of a few people are looked up by their first person (the pair index serves
    `a IN (…)`; SQLite would scan the table for `(a, b) IN (…)`). Many pairs are checked in
    one pass over the workspace's ties instead: a query per thousand people costs more, and
    PostgreSQL may plan each of them as a scan of the workspace's ties.
    """
    r = Relationship
    wid = workspace_id(session)
    lows = sorted({a for a, _ in pairs})
    query = select(r.id, r.person_a_id, r.person_b_id).where(r.workspace_id == wid)
    if len(lows) <= CHUNK:
        query = query.where(r.person_a_id.in_(lows))
    rows = session.execute(query.execution_options(yield_per=PAGE))
    found = {tid: (a, b) for tid, a, b in rows if (a, b) in pairs}
    ties: dict[tuple[int, int], _StoredTie] = {}
    ids = list(found)
    columns = (r.id, r.person_a_id, *(getattr(r, f) for f in _TIE_FIELDS))
    for start in range(0, len(ids), CHUNK):
        chosen = select(*columns).where(r.id.in_(ids[start : start + CHUNK]))
        ties.update((found[row[0]], _StoredTie(*row)) for row in session.execute(chosen))
    return ties


def _update_tie(stored: _StoredTie, tie: TieRecord, first: int) -> bool:
    """A stated tie updates the stored one; imported evidence only fills a missing date.

    Returns whether anything changed.
    """
    before = stored.fields()
    if tie.source == TieSource.STATED:
        restate_tie(
            stored,
            kind=_KINDS[tie.kind],
            reversed_=first != stored.person_a_id,
            strength=tie.strength,
            note=tie.note and nfc(tie.note),
            source=TieSource.STATED,
            since=tie.since,
        )
    elif tie.since and stored.since is None:
        stored.since = tie.since
    return stored.fields() != before


def _save_ties(session: Session, ties: list[_StoredTie]) -> None:
    """One UPDATE statement run for many rows, not one ORM object per tie."""
    table = cast(Table, Relationship.__table__)
    statement = update(table).where(table.c.id == bindparam("tie_id"))
    for start in range(0, len(ties), BULK_CHUNK):
        session.execute(
            statement,
            [
                {"tie_id": tie.id, **dict(zip(_TIE_FIELDS, tie.fields(), strict=True))}
                for tie in ties[start : start + BULK_CHUNK]
            ],
        )


def _new_rows(
    wid: int, pairs: dict[tuple[int, int], TieRecord], ids: dict[str, int]
) -> Iterator[tuple[Any, ...]]:
    """Rows of `_TIE_COLUMNS` in pair order: the pair index and person A's then grow at
    their ends instead of at random places, which halves SQLite's time for a large list."""
    kinds, sources = _KINDS, _SOURCES
    for a, b in sorted(pairs):  # the keys alone: a sorted copy of the items costs 50 MB a million
        tie = pairs[a, b]
        kind, source = kinds[tie.kind], sources[tie.source]
        note = tie.note and nfc(tie.note)
        yield wid, a, b, kind, ids[tie.a] != a, tie.strength, note, source, tie.since


def write_interactions(
    session: Session,
    interactions: Sequence[InteractionRecord],
    keys: dict[str, int],
    report: ImportReport,
) -> None:
    """Interactions already stored (same external id) are left alone, so re-imports are no-ops."""
    external_ids = [record.external_id and nfc(record.external_id) for record in interactions]
    known = _known_external_ids(session, [found for found in external_ids if found])
    wid = workspace_id(session)
    rows: list[dict[str, Any]] = []
    people: list[list[int]] = []
    for record, external_id in zip(interactions, external_ids, strict=True):
        if external_id and external_id in known:
            report.interactions_unchanged += 1
            continue
        participants = list(dict.fromkeys(keys[k] for k in record.participants if keys.get(k)))
        if len(participants) < 2:
            report.skip(record.line, "fewer than two known people took part")
            continue
        try:
            kind = InteractionKind(record.kind)
        except ValueError:
            report.skip(record.line, f"unknown interaction kind '{record.kind}'")
            continue
        if external_id:
            known.add(external_id)
        initiator = keys.get(record.initiated_by or "")
        rows.append(
            {
                "workspace_id": wid,
                "kind": kind,
                "at": record.at,
                "note": clean_text(record.note or "") or None,
                "initiated_by_id": initiator if initiator in participants else None,
                "external_id": external_id,
            }
        )
        people.append(participants)
    ids = insert_returning_ids(session, Interaction, rows)
    insert_rows(
        session,
        Participant,
        [
            {"workspace_id": wid, "interaction_id": iid, "person_id": pid}
            for iid, pids in zip(ids, people, strict=True)
            for pid in pids
        ],
    )
    report.interactions_created += len(rows)


def _known_external_ids(session: Session, external_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(external_ids), CHUNK):
        found.update(
            session.scalars(
                select(Interaction.external_id).where(
                    Interaction.workspace_id == workspace_id(session),
                    Interaction.external_id.in_(external_ids[start : start + CHUNK]),
                )
            )
        )
    return found
