"""The full archive: every table of a workspace as versioned JSON, and reading it back.

Both directions are generic over `goodword.models.metadata`, so a table added later travels
in archives without a change here. The archive keeps the original ids; an import keeps them
too where they are free (a restore into an empty database), and otherwise issues new ones
and translates every foreign key through them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any, TextIO

from sqlalchemy import (
    ColumnElement,
    Table,
    TypeDecorator,
    delete,
    func,
    insert,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from goodword.clock import utcnow
from goodword.errors import Conflict, InvalidInput
from goodword.models import metadata
from goodword.people.models import PersonSearch
from goodword.people.search import refresh_search
from goodword.people.service import get_owner
from goodword.storage import schema
from goodword.storage.base import WorkspaceRow
from goodword.storage.session import workspace_id
from goodword.text import nfc, parse_currency

FORMAT = "goodword-archive"
VERSION = 1
CHUNK = 1000
WORKSPACE_FIELDS = ("name", "currency", "phone_region")

# A tie is stored with the lower person id first; remapped ids can swap the pair's order.
_ORDERED_PAIRS = {"relationship": ("person_a_id", "person_b_id", "reversed")}
# Rows a workspace gets without the user doing anything, so they do not make it "non-empty".
_OFFERING_TEXT = ("one_liner", "problems", "for_whom", "results")

Row = dict[str, Any]
IdMaps = dict[str, dict[int, int]]


def archived_tables() -> list[Table]:
    """Every table but `workspace`, parents before children (the order an import needs)."""
    return [
        table
        for table in metadata.sorted_tables
        if table.name not in ("workspace", PersonSearch.__tablename__)
    ]


# --- export ---------------------------------------------------------------------------------


def export_archive(session: Session) -> dict[str, Any]:
    """The whole workspace as one JSON-safe dict (see `write_archive` to stream it instead)."""
    tables = {table.name: list(_rows(session, table)) for table in archived_tables()}
    return {**_header(session), "tables": tables}


def write_archive(session: Session, out: TextIO) -> dict[str, int]:
    """Streams the archive as JSON a chunk of rows at a time; returns the rows per table."""
    header = _header(session)
    out.write("{\n")
    for key, value in header.items():
        out.write(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    out.write('"tables": {')
    counts: dict[str, int] = {}
    for index, table in enumerate(archived_tables()):
        out.write(f"{',' if index else ''}\n{json.dumps(table.name)}: [")
        count = 0
        for count, row in enumerate(_rows(session, table), start=1):
            out.write(f"{',' if count > 1 else ''}\n  {json.dumps(row, ensure_ascii=False)}")
        out.write("\n]" if count else "]")
        counts[table.name] = count
    out.write("\n}\n}\n")
    return counts


def _header(session: Session) -> dict[str, Any]:
    row = session.get_one(WorkspaceRow, workspace_id(session))
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": schema.head_revision(),
        "exported_at": utcnow().isoformat(),
        "workspace": {name: getattr(row, name) for name in WORKSPACE_FIELDS},
    }


def _rows(session: Session, table: Table) -> Iterator[Row]:
    """The workspace's rows in primary-key order, without the workspace id (not portable)."""
    names = [column.name for column in table.columns if column.name != "workspace_id"]
    query = (
        select(*(table.c[name] for name in names))
        .where(table.c.workspace_id == workspace_id(session))
        .order_by(*table.primary_key.columns)
        .execution_options(yield_per=CHUNK)
    )
    for row in session.execute(query):
        yield {name: _to_json(value) for name, value in zip(names, row, strict=True)}


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


# --- checking an archive ----------------------------------------------------------------------


def check_archive(archive: object) -> Mapping[str, Sequence[Row]]:
    """The archive's tables once its header is one this version can read.

    Raises: InvalidInput naming what is wrong, or that a newer goodword wrote it.
    """
    if not isinstance(archive, dict) or archive.get("format") != FORMAT:
        raise InvalidInput(
            'This is not a goodword archive (no "format": "goodword-archive").',
            hint="Pass a file written by `goodword export json` or `goodword backup`.",
        )
    version, revision = archive.get("version"), archive.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput(f"The archive's version {version!r} is not a positive whole number.")
    if not isinstance(revision, str):
        raise InvalidInput('The archive does not say which schema wrote it ("schema").')
    if version > VERSION or not schema.is_known(revision):
        raise InvalidInput(
            f"The archive was written by a newer goodword (archive version {version}, "
            f"schema {revision}).",
            hint="Upgrade goodword to read it.",
        )
    _check_workspace(archive.get("workspace"))
    tables = archive.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput('The archive has no "tables" object.')
    known = {table.name: table for table in archived_tables()}
    for name, rows in tables.items():
        if name not in known:
            raise InvalidInput(f"The archive has a table '{name}' this goodword does not know.")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise InvalidInput(f"The archive's table '{name}' is not a list of rows.")
    return tables


def _check_workspace(settings: object) -> None:
    if not isinstance(settings, dict):
        raise InvalidInput('The archive has no "workspace" object.')
    for name, size in (("currency", 3), ("phone_region", 2)):
        value = settings.get(name)
        if not (isinstance(value, str) and len(value) == size and value.isalpha()):
            raise InvalidInput(f"The archive's workspace {name} {value!r} is not valid.")
    _currency(settings["currency"], "The archive's workspace currency")


def _is_currency(column: str) -> bool:
    return column == "currency" or column.endswith("_currency")


def _currency(value: str, what: str) -> str:
    """The code in capitals, held to ISO 4217 as `me set --currency` holds a typed one: a
    hand-edited archive's GPB would otherwise file amounts under a currency nobody uses.

    Raises: InvalidInput naming `what` (the record and column), with the code probably meant.
    """
    try:
        return parse_currency(value)
    except InvalidInput as exc:
        raise InvalidInput(f"{what} {exc.message}") from None


# --- import ---------------------------------------------------------------------------------


def import_archive(
    session: Session, archive: dict[str, Any], *, force: bool = False
) -> dict[str, int]:
    """Reads an archive into the session's workspace; returns the rows read per table.

    The archive's owner becomes this workspace's owner (one `me`, never two), and with
    `force` everything else in the workspace is deleted first. All or nothing: it raises
    before the caller's transaction commits anything.

    Raises: InvalidInput for a malformed or newer archive; Conflict when the workspace
    already holds data and `force` is not set.
    """
    tables = check_archive(archive)
    wid = workspace_id(session)
    _make_room(session, wid, force=force)
    maps: IdMaps = {}
    counts: dict[str, int] = {}
    for table in archived_tables():
        rows = tables.get(table.name, [])
        try:
            _insert_table(session, table, rows, maps)
        except StatementError as exc:
            raise InvalidInput(
                f"The archive's '{table.name}' rows cannot be stored: {exc.orig or exc}"
            ) from None
        counts[table.name] = len(rows)
    settings = archive["workspace"]
    session.execute(
        update(WorkspaceRow)
        .where(WorkspaceRow.id == wid)
        .values(currency=settings["currency"].upper(), phone_region=settings["phone_region"])
    )
    refresh_search(session)  # derived rows: rebuilt, never archived
    session.expire_all()
    return counts


def _make_room(session: Session, wid: int, *, force: bool) -> None:
    """Raises: Conflict when the workspace holds the user's data and `force` is not set."""
    tables = archived_tables()
    if not force:
        for table in tables:
            query = select(func.count()).where(table.c.workspace_id == wid, _content(table))
            if session.scalar(query):
                raise Conflict(
                    "The workspace is not empty; restoring would mix two networks.",
                    hint="Pass --force to replace everything in it with the archive.",
                )
    owner_id = get_owner(session).id
    for table in reversed(tables):
        statement = delete(table).where(table.c.workspace_id == wid)
        if table.name == "person":
            statement = statement.where(table.c.id != owner_id)
        session.execute(statement)


def _content(table: Table) -> ColumnElement[bool]:
    """The rows that are the user's data: the automatic owner and an empty offering are not."""
    if table.name == "person":
        return table.c.is_me.is_(False)
    if table.name == "offering":
        return or_(*(table.c[name].is_not(None) for name in _OFFERING_TEXT))
    return true()


def _insert_table(session: Session, table: Table, rows: Sequence[Row], maps: IdMaps) -> None:
    values = [_decode_row(session, table, index, row, maps) for index, row in enumerate(rows)]
    if not _has_id(table):
        for start in range(0, len(values), CHUNK):
            session.execute(insert(table), values[start : start + CHUNK])
        return
    ids = maps.setdefault(table.name, {})
    if len({value["id"] for value in values}) != len(values):
        raise InvalidInput(f"The archive's '{table.name}' rows repeat an id.")
    # Inserting in the old order keeps the new ids in the same order as the old ones.
    values.sort(key=lambda value: value["id"])
    if table.name == "person":
        values = _merge_owner(session, values, ids)
    if _ids_are_free(session, table, [value["id"] for value in values]):
        # An archive restored where its ids are free keeps them, so `#20` is still `#20`.
        for start in range(0, len(values), CHUNK):
            session.execute(insert(table), values[start : start + CHUNK])
        ids.update((value["id"], value["id"]) for value in values)
        _advance_ids(session, table)
        return
    for start in range(0, len(values), CHUNK):
        chunk = values[start : start + CHUNK]
        old = [value.pop("id") for value in chunk]
        returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        new = session.scalars(returning, chunk).all()
        ids.update(zip(old, new, strict=True))


def _ids_are_free(session: Session, table: Table, wanted: list[int]) -> bool:
    """Whether no row of `table`, in any workspace, has one of the `wanted` ids."""
    if not wanted:
        return False
    span = select(func.count()).where(table.c.id.between(min(wanted), max(wanted)))
    if not session.scalar(span):
        return True
    for start in range(0, len(wanted), CHUNK):
        taken = select(table.c.id).where(table.c.id.in_(wanted[start : start + CHUNK])).limit(1)
        if session.scalar(taken) is not None:
            return False
    return True


def _advance_ids(session: Session, table: Table) -> None:
    """After explicit ids, PostgreSQL's sequence must pass them or the next insert collides.

    SQLite needs nothing: it numbers a new row after the largest id in the table.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    sequence = func.pg_get_serial_sequence(table.name, "id")
    top = select(func.max(table.c.id)).scalar_subquery()
    # nextval, not the current value: never move the sequence back under another writer.
    session.execute(select(func.setval(sequence, func.greatest(top, func.nextval(sequence)))))


def _merge_owner(session: Session, people: list[Row], ids: dict[int, int]) -> list[Row]:
    """The archive's owner updates this workspace's owner instead of becoming a second one.

    Raises: InvalidInput when the archive has more than one owner.
    """
    owners = [row for row in people if row.get("is_me")]
    if len(owners) > 1:
        raise InvalidInput("The archive has more than one owner (is_me) in 'person'.")
    if not owners:
        return people
    owner_id = get_owner(session).id
    fields = {name: value for name, value in owners[0].items() if name != "id"}
    person = metadata.tables["person"]
    session.execute(update(person).where(person.c.id == owner_id).values(fields))
    ids[owners[0]["id"]] = owner_id
    return [row for row in people if not row.get("is_me")]


def _has_id(table: Table) -> bool:
    return [column.name for column in table.primary_key.columns] == ["id"]


def _decode_row(session: Session, table: Table, index: int, row: Row, maps: IdMaps) -> Row:
    """A row ready to insert: typed values, this workspace, foreign keys translated.

    Raises: InvalidInput naming the table, row and column of a bad value.
    """
    where = f"The archive's '{table.name}' row {index + 1}"
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise InvalidInput(f"{where} has unknown columns: {', '.join(sorted(unknown))}.")
    if _has_id(table) and not isinstance(row.get("id"), int):
        raise InvalidInput(f"{where} has no integer id.")
    values = {name: _decode(table, name, value, where) for name, value in row.items()}
    for name, value in values.items():
        if value is not None and _is_currency(name):
            values[name] = _currency(value, f"{where}: {name}")
    values["workspace_id"] = workspace_id(session)
    for column in table.columns:
        for key in column.foreign_keys:
            target = key.column.table.name
            if target == "workspace" or values.get(column.name) is None:
                continue
            new = maps.get(target, {}).get(values[column.name])
            if new is None:
                raise InvalidInput(
                    f"{where}: {column.name} refers to {target} #{values[column.name]}, "
                    "which the archive does not have."
                )
            values[column.name] = new
    if pair := _ORDERED_PAIRS.get(table.name):
        _order_pair(values, *pair)
    return values


def _order_pair(values: Row, first: str, second: str, flipped: str) -> None:
    """Swaps a pair the new ids put out of order, flipping the flag that says who is who."""
    low, high = values.get(first), values.get(second)
    if isinstance(low, int) and isinstance(high, int) and low > high:
        values[first], values[second] = high, low
        values[flipped] = not values.get(flipped, False)


def _decode(table: Table, name: str, value: Any, where: str) -> Any:
    """Raises: InvalidInput when the JSON value does not fit the column's type."""
    if value is None:
        return None
    column_type = table.c[name].type
    if isinstance(column_type, TypeDecorator):  # its python_type is `object`; the impl knows
        column_type = column_type.impl_instance
    kind: type[Any] = column_type.python_type
    decode = kind if issubclass(kind, Enum) else _DECODERS.get(kind, _exact(kind))
    try:
        return decode(value)
    except (TypeError, ValueError, ArithmeticError):
        raise InvalidInput(f"{where}: {name} {value!r} is not a valid {kind.__name__}.") from None


def _exact(kind: type[Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(value)
        return value

    return check


def _as_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    return float(value)


def _as_decimal(value: Any) -> Decimal:
    if not isinstance(value, str | int):
        raise TypeError(value)
    return Decimal(value)


def _as_text(value: Any) -> str:
    """Text as it is stored everywhere else, NFC: an archive written by hand or by an older
    version may hold decomposed text, which would otherwise never match what imports add."""
    if not isinstance(value, str):
        raise TypeError(value)
    return nfc(value)


def _as_iso(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(value)
        return parse(value)

    return check


_DECODERS: dict[type[Any], Callable[[Any], Any]] = {
    datetime: _as_iso(datetime.fromisoformat),
    date: _as_iso(date.fromisoformat),
    time: _as_iso(time.fromisoformat),
    Decimal: _as_decimal,
    float: _as_float,
    str: _as_text,
}
