"""Reading people: resolve a REF, search, and load summaries in bulk."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.people.errors import person_ambiguous, person_not_found
from goodword.people.models import (
    Employment,
    Handle,
    HandleKind,
    Note,
    Organisation,
    Person,
    PersonTag,
    Tag,
)
from goodword.people.schemas import NoteView, PersonSummary
from goodword.people.service import get_owner
from goodword.storage.folding import folded
from goodword.storage.session import by_name, get_scoped, workspace_id
from goodword.text import (
    ACCEPT_SCORE,
    SUGGEST_SCORE,
    clean_name,
    clear_winner,
    closest_names,
    contains_pattern,
    fold,
    id_in_ref,
    lowered,
)

SHOWN = 10  # candidates listed in an "ambiguous" message


def _people(session: Session) -> Select[Person]:
    return select(Person).where(Person.workspace_id == workspace_id(session))


def with_details(query: Select[Person]) -> Select[Person]:
    """Loads handles, jobs and tags in three queries, however many people are listed."""
    return query.options(
        selectinload(Person.handles),
        selectinload(Person.employments).joinedload(Employment.org),
        selectinload(Person.tags),
    )


def resolve_person(session: Session, ref: str) -> Person:
    """A person by id (`12`, `#12`), `me`, e-mail, exact name, or unique fuzzy name.

    Raises: NotFound (with near matches) or Ambiguous (listing the candidates).
    """
    text = ref.strip()
    if text.lower() == "me":
        return get_owner(session)
    if (person_id := id_in_ref(text)) is not None:
        person = session.scalar(_people(session).where(Person.id == person_id))
        if person is None:
            raise person_not_found(text, [])
        return person
    if "@" in text:
        person = session.scalar(
            _people(session)
            .join(Handle, Handle.person_id == Person.id)
            .where(Handle.kind == HandleKind.EMAIL, Handle.value == lowered(text))
        )
        if person is None:
            raise person_not_found(text, [])
        return person
    return _resolve_name(session, text)


def _resolve_name(session: Session, text: str) -> Person:
    found = by_name(session, _people(session), Person.name, text, limit=SHOWN + 1)
    if len(found) == 1:
        return found[0]
    if found:
        raise person_ambiguous(text, [(p.id, p.name) for p in found], shown=SHOWN)
    near = fuzzy_names(session, text, limit=5, cutoff=SUGGEST_SCORE)
    if (winner := clear_winner(text, near)) is not None:
        return session.get_one(Person, winner)
    raise person_not_found(text, [(pid, name) for pid, name, _ in near[:3]])


def fuzzy_names(
    session: Session, text: str, *, limit: int, cutoff: float
) -> list[tuple[int, str, float]]:
    """(id, name, score) of the names closest to `text`, best first."""
    rows = session.execute(
        select(Person.id, Person.name).where(Person.workspace_id == workspace_id(session))
    ).all()
    return closest_names(text, dict(rows), limit=limit, cutoff=cutoff)


def search_people(
    session: Session,
    *,
    query: str | None = None,
    tag: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[Person]:
    """People a query finds anywhere in what is known of them, sorted by name ignoring case
    and accents; fuzzy names fill in typos on a first page the exact matches leave room on.
    """
    stmt = with_details(_matching(session, query=query, tag=tag))
    stmt = stmt.order_by(folded(Person.name), Person.id).offset(offset or None)
    found = list(session.scalars(stmt.limit(limit) if limit else stmt))
    if query and not tag and not offset and (limit is None or len(found) < limit):
        seen = {p.id for p in found}
        extra = [
            pid
            for pid, _, _ in fuzzy_names(session, query, limit=10, cutoff=ACCEPT_SCORE)
            if pid not in seen
        ]
        if extra:
            found += list(
                session.scalars(with_details(_people(session).where(Person.id.in_(extra))))
            )
    return found[:limit] if limit else found


def count_people(session: Session, *, query: str | None = None, tag: str | None = None) -> int:
    """How many people `search_people` finds without a limit (its fuzzy additions aside)."""
    matching = _matching(session, query=query, tag=tag).with_only_columns(Person.id)
    return session.scalar(select(func.count()).select_from(matching.subquery())) or 0


def _matching(session: Session, *, query: str | None, tag: str | None) -> Select[Person]:
    """A substring of the name, an e-mail or other handle, the current organisation or title,
    industry, city, country, a tag or a note: everything a person might be remembered by.
    """
    stmt = _people(session)
    if tag:
        stmt = stmt.where(
            Person.id.in_(
                select(PersonTag.person_id)
                .join(Tag, Tag.id == PersonTag.tag_id)
                .where(Tag.name == lowered(clean_name(tag)))
            )
        )
    if not query:
        return stmt
    like = contains_pattern(fold(clean_name(query)))

    def has(column: Any) -> ColumnElement[bool]:
        return folded(column).like(like, escape="\\")

    current_job = select(Employment.person_id).where(Employment.ended_on.is_(None))
    return stmt.where(
        or_(
            has(Person.name),
            has(Person.industry),
            has(Person.city),
            has(Person.country),
            # Handles are stored normalised (lower-case addresses, digits), so need no folding.
            Person.id.in_(select(Handle.person_id).where(Handle.value.ilike(like, escape="\\"))),
            Person.id.in_(current_job.where(has(Employment.title))),
            Person.id.in_(
                current_job.join(Organisation, Organisation.id == Employment.org_id).where(
                    has(Organisation.name)
                )
            ),
            Person.id.in_(
                select(PersonTag.person_id)
                .join(Tag, Tag.id == PersonTag.tag_id)
                .where(has(Tag.name))
            ),
            Person.id.in_(select(Note.person_id).where(has(Note.body))),
        )
    )


def summary_of(session: Session, person_id: int) -> PersonSummary:
    person = session.scalars(with_details(_people(session).where(Person.id == person_id))).one()
    return PersonSummary.of(person)


def summaries_by_id(session: Session, ids: set[int]) -> dict[int, PersonSummary]:
    """Summaries of many people in a fixed number of queries, for read models that name them."""
    if not ids:
        return {}
    # By primary key alone: asked for the workspace too, SQLite (without table statistics)
    # walks the workspace's name index, a million entries, to find a few ids.
    loaded = session.scalars(with_details(select(Person).where(Person.id.in_(ids))))
    wid = workspace_id(session)
    return {p.id: PersonSummary.of(p) for p in loaded if p.workspace_id == wid}


def names_and_tags(session: Session, ids: set[int]) -> dict[int, tuple[str, list[str]]]:
    """Name and tags (by name) of many people in two plain queries: a map of thousands of
    people needs no more, and loading each as an object would cost seconds."""
    if not ids:
        return {}
    wid = workspace_id(session)
    # By primary key alone, as in `summaries_by_id`.
    found: dict[int, tuple[str, list[str]]] = {
        pid: (name, [])
        for pid, name, owner in session.execute(
            select(Person.id, Person.name, Person.workspace_id).where(Person.id.in_(ids))
        )
        if owner == wid
    }
    tagged = session.execute(
        select(PersonTag.person_id, Tag.name)
        .join(Tag, Tag.id == PersonTag.tag_id)
        .where(PersonTag.person_id.in_(ids))
        .order_by(Tag.name)
    )
    for pid, tag in tagged:
        if pid in found:
            found[pid][1].append(tag)
    return found


def get_note(session: Session, note_id: int) -> Note:
    """Raises: NotFound naming the id."""
    return get_scoped(
        session, Note, note_id, what="note", hint="See `goodword note list REF` for the ids."
    )


def list_notes(session: Session, *, person: Person) -> list[NoteView]:
    """Oldest first, the order they were written in."""
    found = session.scalars(
        select(Note).where(Note.person_id == person.id).order_by(Note.created_at, Note.id)
    )
    return [NoteView.of(note) for note in found]
