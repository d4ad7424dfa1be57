"""Reading people: resolve a REF, search, and load summaries in bulk."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from goodword.people.errors import person_ambiguous, person_not_found
from goodword.people.models import (
    Employment,
    Handle,
    HandleKind,
    Organisation,
    Person,
    PersonTag,
    Tag,
)
from goodword.people.schemas import PersonSummary
from goodword.people.service import get_owner
from goodword.storage.session import by_name, workspace_id
from goodword.text import contains_pattern, id_in_ref

# A typo still finds a unique person; a looser match only becomes a suggestion.
ACCEPT_SCORE = 88.0
SUGGEST_SCORE = 60.0
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
            .where(Handle.kind == HandleKind.EMAIL, Handle.value == text.lower())
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
    accepted = [m for m in near if m[2] >= ACCEPT_SCORE]
    if len(accepted) == 1 and (len(near) == 1 or near[1][2] < accepted[0][2] - 5):
        return session.get_one(Person, accepted[0][0])
    raise person_not_found(text, [(pid, name) for pid, name, _ in near[:3]])


def fuzzy_names(
    session: Session, text: str, *, limit: int, cutoff: float
) -> list[tuple[int, str, float]]:
    """(id, name, score) of the names closest to `text`, best first."""
    from rapidfuzz import fuzz, process, utils  # only for a REF no name equals or contains

    rows = session.execute(
        select(Person.id, Person.name).where(Person.workspace_id == workspace_id(session))
    ).all()
    names = dict(rows)
    # WRatio weighs partial matches, which is right for "Margret" but far too loose for
    # two or three letters ("me" would match every name containing it).
    scorer = fuzz.WRatio if len(text) >= 5 else fuzz.ratio
    found = process.extract(
        text,
        names,
        scorer=scorer,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=cutoff,
    )
    return [(pid, name, score) for name, score, pid in found]


def search_people(
    session: Session, *, query: str | None = None, tag: str | None = None, limit: int | None = 100
) -> list[Person]:
    """Substring match on name, handle, organisation and tag; fuzzy names fill in typos."""
    stmt = _people(session)
    if tag:
        stmt = stmt.where(
            Person.id.in_(
                select(PersonTag.person_id)
                .join(Tag, Tag.id == PersonTag.tag_id)
                .where(Tag.name == tag.strip().lower())
            )
        )
    if query:
        like = contains_pattern(query.strip())
        stmt = stmt.where(
            or_(
                Person.name.ilike(like, escape="\\"),
                Person.industry.ilike(like, escape="\\"),
                Person.id.in_(
                    select(Handle.person_id).where(Handle.value.ilike(like, escape="\\"))
                ),
                Person.id.in_(
                    select(Employment.person_id)
                    .join(Organisation, Organisation.id == Employment.org_id)
                    .where(
                        Organisation.name.ilike(like, escape="\\"), Employment.ended_on.is_(None)
                    )
                ),
                Person.id.in_(
                    select(PersonTag.person_id)
                    .join(Tag, Tag.id == PersonTag.tag_id)
                    .where(Tag.name.ilike(like, escape="\\"))
                ),
            )
        )
    stmt = with_details(stmt.order_by(Person.name, Person.id))
    found = list(session.scalars(stmt.limit(limit) if limit else stmt))
    if query and not tag and (limit is None or len(found) < limit):
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


def count_people(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Person)
            .where(Person.workspace_id == workspace_id(session))
        )
        or 0
    )


def summary_of(session: Session, person_id: int) -> PersonSummary:
    person = session.scalars(with_details(_people(session).where(Person.id == person_id))).one()
    return PersonSummary.of(person)


def summaries_by_id(session: Session, ids: set[int]) -> dict[int, PersonSummary]:
    """Summaries of many people in a fixed number of queries, for read models that name them."""
    if not ids:
        return {}
    loaded = session.scalars(with_details(_people(session).where(Person.id.in_(ids))))
    return {p.id: PersonSummary.of(p) for p in loaded}
