"""Writing the ties and interactions of a batch, in bulk, skipping what is already stored."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from goodword.errors import GoodwordError
from goodword.interactions.models import Interaction, InteractionKind, Participant
from goodword.io.errors import MalformedFile
from goodword.io.records import InteractionRecord, TieRecord
from goodword.io.report import ImportReport
from goodword.people.models import Person
from goodword.people.queries import resolve_person
from goodword.relationships.kinds import TieKind, TieSource
from goodword.relationships.models import Relationship
from goodword.relationships.service import connect_people
from goodword.storage.bulk import insert_returning_ids, insert_rows
from goodword.storage.session import workspace_id

CHUNK = 500


def write_ties(
    session: Session, ties: Sequence[TieRecord], keys: dict[str, int], report: ImportReport
) -> None:
    """A tie's ends are batch keys, or REFs (id, e-mail, unique name) for relationship lists.

    Raises: MalformedFile when an end names nobody, or several people, or the kind is unknown.
    """
    pairs: dict[tuple[int, int], tuple[TieRecord, int]] = {}
    for tie in ties:
        a, b = (
            _person(session, tie.a, keys, tie, report),
            _person(session, tie.b, keys, tie, report),
        )
        if a is None or b is None or a == b:
            continue
        _check_kind(tie, report)
        pair = (min(a, b), max(a, b))
        if pair not in pairs or tie.source == TieSource.STATED:
            pairs[pair] = (tie, a)
    existing = _existing_ties(session, list(pairs))
    new_rows = []
    for pair, (tie, first) in pairs.items():
        if pair in existing:
            _update_tie(session, existing[pair], tie, first, report)
            continue
        new_rows.append(_tie_row(workspace_id(session), pair, tie, first))
    insert_rows(session, Relationship, new_rows)
    report.ties_created += len(new_rows)


def _person(
    session: Session, ref: str, keys: dict[str, int], tie: TieRecord, report: ImportReport
) -> int | None:
    if ref in keys:
        return keys[ref] or None
    try:
        return resolve_person(session, ref).id
    except GoodwordError as exc:
        raise MalformedFile(report.file, tie.line, exc.message) from None


def _check_kind(tie: TieRecord, report: ImportReport) -> None:
    try:
        TieKind(tie.kind)
        TieSource(tie.source)
    except ValueError:
        raise MalformedFile(report.file, tie.line, f"unknown tie kind '{tie.kind}'") from None
    if tie.strength is not None and not 0 <= tie.strength <= 1:
        raise MalformedFile(report.file, tie.line, f"strength {tie.strength} is not within 0–1")


def _existing_ties(session: Session, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    found: dict[tuple[int, int], int] = {}
    column = tuple_(Relationship.person_a_id, Relationship.person_b_id)
    for start in range(0, len(pairs), CHUNK):
        rows = session.execute(
            select(Relationship.person_a_id, Relationship.person_b_id, Relationship.id).where(
                Relationship.workspace_id == workspace_id(session),
                column.in_(pairs[start : start + CHUNK]),
            )
        ).all()
        found.update(((a, b), rid) for a, b, rid in rows)
    return found


def _tie_row(wid: int, pair: tuple[int, int], tie: TieRecord, first: int) -> dict[str, Any]:
    return {
        "workspace_id": wid,
        "person_a_id": pair[0],
        "person_b_id": pair[1],
        "kind": TieKind(tie.kind),
        "reversed": first != pair[0],
        "strength": tie.strength,
        "source": TieSource(tie.source),
        "note": tie.note,
        "since": tie.since,
    }


def _update_tie(
    session: Session, tie_id: int, tie: TieRecord, first: int, report: ImportReport
) -> None:
    """A stated tie updates the stored one; imported evidence only fills a missing date."""
    stored = session.get_one(Relationship, tie_id)
    if tie.source == TieSource.STATED:
        before = (stored.kind, stored.reversed, stored.strength, stored.note, stored.source)
        other = stored.other(first)
        connect_people(
            session,
            a=session.get_one(Person, first),
            b=session.get_one(Person, other),
            kind=TieKind(tie.kind),
            strength=tie.strength,
            note=tie.note,
            source=TieSource.STATED,
            since=tie.since,
        )
        after = (stored.kind, stored.reversed, stored.strength, stored.note, stored.source)
        report.ties_updated += before != after
    elif tie.since and stored.since is None:
        stored.since = tie.since
        report.ties_updated += 1


def write_interactions(
    session: Session,
    interactions: Sequence[InteractionRecord],
    keys: dict[str, int],
    report: ImportReport,
) -> None:
    """Interactions already stored (same external id) are left alone, so re-imports are no-ops."""
    known = _known_external_ids(session, [i.external_id for i in interactions if i.external_id])
    wid = workspace_id(session)
    rows: list[dict[str, Any]] = []
    people: list[list[int]] = []
    for record in interactions:
        if record.external_id and record.external_id in known:
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
        if record.external_id:
            known.add(record.external_id)
        initiator = keys.get(record.initiated_by or "")
        rows.append(
            {
                "workspace_id": wid,
                "kind": kind,
                "at": record.at,
                "note": record.note,
                "initiated_by_id": initiator if initiator in participants else None,
                "external_id": record.external_id,
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
