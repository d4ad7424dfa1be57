"""The search rows of `person_search`: built from what is known of a person, kept current on
every write, and matched by a substring of their folded text.

Writes through the ORM are followed by the session's flush hooks below; writes in bulk (the
demo, imports, restoring an archive, merging) call `refresh_search` themselves. On SQLite an
FTS5 trigram index over the rows (created by the migration) answers a substring of three
characters or more without reading every row. Rows enter it here, from Python: indexed one
by one through a trigger, 100,000 people took ten times as long as one `rebuild`. A trigger
takes rows out, as deleting a person removes their row through a cascade.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    column,
    delete,
    event,
    insert,
    select,
    table,
)
from sqlalchemy.orm import Session, UOWTransaction

from goodword.people.models import (
    NAME_KEY,
    Employment,
    Handle,
    Note,
    Organisation,
    Person,
    PersonSearch,
    PersonTag,
    Tag,
)
from goodword.storage.session import workspace_id
from goodword.text import contains_pattern, fold

CHUNK = 500
# A query never holds a line break (`clean_name` makes it a space), so a match never spans
# two fields of the text.
_SEP = "\n"
_FTS = table("person_search_fts", column("rowid"), column("body"))
_FTS_COMMAND = table("person_search_fts", column("person_search_fts"))  # FTS5's own commands
_MIN_TRIGRAM = 3
_TOUCHED = "goodword.search.people"
_RENAMED = "goodword.search.renamed"


def search_key(text: str) -> str:
    """A field as the search text holds it: folded, its runs of white space one space."""
    return " ".join(fold(text).split())


def people_matching(session: Session, query: str) -> ColumnElement[bool]:
    """The condition for the rows whose search text contains `query` (a cleaned name)."""
    needle = search_key(query)
    like = contains_pattern(needle)
    plain = like == f"%{needle}%"
    if plain and len(needle) >= _MIN_TRIGRAM and trigram_index(session.connection()):
        # The trigram index answers a LIKE only without ESCAPE; a needle with none of
        # % _ \ needs none.
        return PersonSearch.person_id.in_(select(_FTS.c.rowid).where(_FTS.c.body.like(like)))
    return PersonSearch.body.like(like, escape="\\")


def org_matching(session: Session, org: str) -> ColumnElement[bool]:
    """The condition for people currently at an organisation whose name contains `org`."""
    exactly = PersonSearch.org_key.like(contains_pattern(search_key(org)), escape="\\")
    # Their search text holds the name too: its index narrows the rows to read.
    return and_(people_matching(session, org), exactly)


def refresh_search(session: Session, person_ids: Iterable[int] | None = None) -> None:
    """Rewrites the search rows of these people (of the session's workspace when None)."""
    connection = session.connection()
    indexed = trigram_index(connection)
    if person_ids is None:
        wid = workspace_id(session)
        connection.execute(delete(PersonSearch).where(PersonSearch.workspace_id == wid))
        _write(session, lambda model: model.workspace_id == wid)
        if indexed:
            connection.execute(insert(_FTS_COMMAND).values(person_search_fts="rebuild"))
        return
    ids = iter(sorted(set(person_ids)))
    while chunk := list(islice(ids, CHUNK)):
        connection.execute(delete(PersonSearch).where(PersonSearch.person_id.in_(chunk)))
        rows = _write(session, _of_people(chunk))
        if indexed and rows:
            connection.execute(
                insert(_FTS), [{"rowid": r["person_id"], "body": r["body"]} for r in rows]
            )


def trigram_index(connection: Connection) -> bool:
    """Whether the database has the trigram index: SQLite does unless it is older than 3.34
    (see migration 0009), and PostgreSQL has none. Asked once per engine."""
    if connection.dialect.name != "sqlite":
        return False
    engine = connection.engine
    if (known := _INDEXED.get(engine)) is None:
        found = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_search_fts'"
        )
        known = _INDEXED[engine] = found.first() is not None
    return known


_INDEXED: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()


# A condition on a table with a row per person (by its model): the people to rewrite.
Scope = Callable[[Any], ColumnElement[bool]]


def _of_people(ids: list[int]) -> Scope:
    def scope(model: Any) -> ColumnElement[bool]:
        return (model.id if model is Person else model.person_id).in_(ids)

    return scope


def _write(session: Session, scope: Scope) -> list[dict[str, Any]]:
    rows = list(_documents(session, scope))
    if rows:
        session.connection().execute(insert(PersonSearch), rows)
    return rows


def _documents(session: Session, scope: Scope) -> Iterator[dict[str, Any]]:
    """The rows of the people `scope` picks."""

    def by_person(stmt: Any, model: Any) -> dict[int, list[str]]:
        found: dict[int, list[str]] = defaultdict(list)
        for pid, *values in session.execute(stmt.where(scope(model))):
            found[pid].extend(v for v in values if v)
        return found

    current = Employment.ended_on.is_(None)
    orgs = by_person(
        select(Employment.person_id, Organisation.name)
        .join(Organisation, Organisation.id == Employment.org_id)
        .where(current),
        Employment,
    )
    details = [
        by_person(select(Handle.person_id, Handle.value), Handle),
        by_person(select(Employment.person_id, Employment.title).where(current), Employment),
        orgs,
        by_person(
            select(PersonTag.person_id, Tag.name).join(Tag, Tag.id == PersonTag.tag_id),
            PersonTag,
        ),
        by_person(select(Note.person_id, Note.body), Note),
    ]
    people = select(
        Person.id, Person.workspace_id, Person.name, Person.industry, Person.city, Person.country
    )
    for pid, wid, name, *fields in session.execute(people.where(scope(Person))):
        texts = [name, *(f for f in fields if f), *(v for found in details for v in found[pid])]
        yield {
            "person_id": pid,
            "workspace_id": wid,
            "name_key": fold(name)[:NAME_KEY],
            "org_key": _SEP.join(search_key(o) for o in orgs[pid]),
            "body": _SEP.join(search_key(t) for t in texts),
        }


@event.listens_for(Session, "after_flush")
def _note_touched(session: Session, _flush: UOWTransaction) -> None:
    """Remembers whose search text a flush may have changed, to rewrite it once it is done."""
    people: set[int] = session.info.setdefault(_TOUCHED, set())
    renamed: list[tuple[type[Any], int]] = session.info.setdefault(_RENAMED, [])
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Person):
            people.add(obj.id)
        elif isinstance(obj, Handle | Employment | Note | PersonTag):
            people.add(obj.person_id)
        elif isinstance(obj, Organisation | Tag) and obj in session.dirty:
            renamed.append((type(obj), obj.id))


@event.listens_for(Session, "after_flush_postexec")
def _rewrite_touched(session: Session, _flush: UOWTransaction) -> None:
    people: set[int] = session.info.pop(_TOUCHED, set())
    renamed: list[tuple[type[Any], int]] = session.info.pop(_RENAMED, [])
    for kind, row_id in renamed:
        people.update(_holders(session, kind, row_id))
    people.discard(None)  # type: ignore[arg-type,unused-ignore]  # a row without its person
    if people:
        refresh_search(session, people)


def _holders(session: Session, kind: type[Any], row_id: int) -> list[int]:
    """Those whose text shows an organisation's or a tag's name."""
    if kind is Organisation:
        stmt = select(Employment.person_id).where(
            Employment.org_id == row_id, Employment.ended_on.is_(None)
        )
    else:
        stmt = select(PersonTag.person_id).where(PersonTag.tag_id == row_id)
    return list(session.connection().scalars(stmt))
