"""Reading people: resolve a REF, search, and load summaries in bulk."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from goodword.errors import InvalidInput
from goodword.people.errors import person_ambiguous, person_not_found
from goodword.people.models import (
    Employment,
    Handle,
    HandleKind,
    Note,
    Person,
    PersonSearch,
    PersonTag,
    Tag,
)
from goodword.people.schemas import NoteView, PersonSummary
from goodword.people.search import org_matching, people_matching
from goodword.people.service import get_owner
from goodword.people.tier import Tier
from goodword.storage.session import by_name, get_scoped, workspace_id
from goodword.text import (
    ACCEPT_SCORE,
    SUGGEST_SCORE,
    clean_name,
    clear_winner,
    closest_names,
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


TIER_FILTERS = (*(t.value for t in Tier), "auto")  # `auto`: following the suggested tier
COUNT_CAP = 1000  # counted exactly up to here; past it a page says "1,000+"


@dataclass(frozen=True)
class PeopleFilter:
    """What narrows a list of people; every field left None narrows nothing.

    `among`: only these ids (people holding a role, which the advocate layer works out).
    """

    query: str | None = None
    tag: str | None = None
    tier: str | None = None
    org: str | None = None
    among: frozenset[int] | None = None

    def narrows(self) -> bool:
        return any(v is not None for v in (self.tag, self.tier, self.org, self.among))


def search_people(
    session: Session,
    *,
    query: str | None = None,
    tag: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    only: PeopleFilter | None = None,
    fuzzy: bool = True,
) -> list[Person]:
    """People a query finds anywhere in what is known of them, sorted by name ignoring case
    and accents; fuzzy names fill in typos on a first page the exact matches leave room on
    (unless not `fuzzy`: comparing every name costs about a second per 100,000 people).

    Raises: InvalidInput for an unknown tier.
    """
    only = only or PeopleFilter(query=query, tag=tag)
    stmt = with_details(_matching(session, only)).order_by(
        PersonSearch.name_key, PersonSearch.person_id
    )
    stmt = stmt.offset(offset or None)
    found = list(session.scalars(stmt.limit(limit) if limit else stmt))
    query = only.query
    if (
        fuzzy
        and query
        and not only.narrows()
        and not offset
        and (limit is None or len(found) < limit)
    ):
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


def count_people(
    session: Session,
    *,
    query: str | None = None,
    tag: str | None = None,
    only: PeopleFilter | None = None,
    cap: int | None = None,
) -> int:
    """How many people `search_people` finds without a limit (its fuzzy additions aside),
    counting no further than `cap` + 1 when given: enough to say "more than `cap`".
    """
    only = only or PeopleFilter(query=query, tag=tag)
    matching = _matching(session, only).with_only_columns(PersonSearch.person_id)
    if cap is not None:
        matching = matching.limit(cap + 1)
    return session.scalar(select(func.count()).select_from(matching.subquery())) or 0


def count_everyone(session: Session) -> int:
    """The people of the workspace, the owner included: the "of M" of a filtered list."""
    return (
        session.scalar(select(func.count()).where(Person.workspace_id == workspace_id(session)))
        or 0
    )


def _matching(session: Session, only: PeopleFilter) -> Select[Person]:
    """A substring of the name, an e-mail or other handle, the current organisation or title,
    industry, city, country, a tag or a note: everything a person might be remembered by;
    then the filters, each narrowing further.

    Raises: InvalidInput for an unknown tier.
    """
    wid = workspace_id(session)
    # Unfiltered, the workspace's name index gives a page in order at once. Filtered, the
    # few ids a filter finds should lead; SQLite (without table statistics) would rather
    # walk that index past every row, unless `+ 0` hides it.
    filtered = only.query or only.narrows()
    workspace = PersonSearch.workspace_id + 0 if filtered else PersonSearch.workspace_id
    stmt = (
        select(Person)
        .join(PersonSearch, PersonSearch.person_id == Person.id)
        .where(workspace == wid)
    )
    if only.tag:
        stmt = stmt.where(
            Person.id.in_(
                select(PersonTag.person_id)
                .join(Tag, Tag.id == PersonTag.tag_id)
                .where(Tag.name == lowered(clean_name(only.tag)))
            )
        )
    if only.tier is not None:
        tiered = select(Person.id).where(Person.workspace_id == wid, _tier_is(only.tier))
        stmt = stmt.where(PersonSearch.person_id.in_(tiered))
    if only.org:
        stmt = stmt.where(org_matching(session, clean_name(only.org)))
    if only.among is not None:
        # Inlined: a role can hold more people than a statement may have parameters.
        ids: BindParameter[list[int]] = bindparam(
            "among", sorted(only.among), expanding=True, literal_execute=True
        )
        stmt = stmt.where(PersonSearch.person_id.in_(ids))
    if only.query:
        stmt = stmt.where(people_matching(session, clean_name(only.query)))
    return stmt


def _tier_is(tier: str) -> ColumnElement[bool]:
    """Raises: InvalidInput naming the tiers a list can be filtered by."""
    if tier not in TIER_FILTERS:
        raise InvalidInput(f"Unknown tier '{tier}'; use one of: {', '.join(TIER_FILTERS)}.")
    return Person.tier.is_(None) if tier == "auto" else Person.tier == Tier(tier)


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
