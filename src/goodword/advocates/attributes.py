"""Who each person is, as the ICP and the connector roles see them: their own industry, city
and country, their current titles and employers, their tags. Read in bulk (see `columns`),
each distinct value kept once: a million people share a few thousand titles.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from goodword.advocates.columns import (
    Categories,
    bools,
    in_workspace,
    ints,
    ints_or,
    read_columns,
    texts,
)
from goodword.advocates.roles import connector_bits
from goodword.offering.fit import FieldValues
from goodword.people.models import Employment, Organisation, Person, PersonTag, Tag
from goodword.storage.session import workspace_id
from goodword.text import fold


def person_attributes(
    session: Session,
) -> tuple[NDArray[np.int64], int, dict[str, FieldValues]]:
    """(every person's id in node order, the owner's node, every value the ICP can be
    matched on by field)."""
    own = {name: Categories() for name in ("industry", "city", "country")}
    ids, is_me, industry, city, country = read_columns(
        session,
        select(Person.id, Person.is_me, Person.industry, Person.city, Person.country)
        .where(in_workspace(session, Person.workspace_id))
        .order_by(Person.id),
        ints, bools, own["industry"], own["city"], own["country"],
    )  # fmt: skip
    node = np.arange(len(ids), dtype=np.int64)

    def mine(name: str, code: NDArray[np.int64]) -> FieldValues:
        return FieldValues(node=node, code=code, values=own[name].values)

    jobs = _jobs(session, ids)
    given = {
        "industry": [mine("industry", industry), jobs["industry"]],
        "title": [jobs["title"]],
        "org": [jobs["org"]],
        "city": [mine("city", city)],
        "country": [mine("country", country)],
        "tag": [_tags(session, ids)],
    }
    owner = int(np.flatnonzero(is_me)[0])
    return ids, owner, {name: _present(parts) for name, parts in given.items()}


def _jobs(session: Session, ids: NDArray[np.int64]) -> dict[str, FieldValues]:
    """Current titles, employers and employers' industries; an employer is read once, not
    once per employee."""
    current = and_(in_workspace(session, Employment.workspace_id), Employment.ended_on.is_(None))
    titles = Categories()
    person, title, org = read_columns(
        session,
        select(Employment.person_id, Employment.title, Employment.org_id)
        .where(current)
        .order_by(Employment.id),
        ints, titles, ints_or(-1),
    )  # fmt: skip
    org_ids, name, industry = read_columns(
        session,
        select(Organisation.id, Organisation.name, Organisation.industry)
        .where(Organisation.id.in_(select(Employment.org_id).where(current)))
        .order_by(Organisation.id),
        ints, texts, texts,
    )  # fmt: skip
    nodes, known = np.searchsorted(ids, person).astype(np.int64), org >= 0
    at = np.searchsorted(org_ids, org[known]).astype(np.int64)
    return {
        "title": FieldValues(node=nodes, code=title, values=titles.values),
        "org": FieldValues(node=nodes[known], code=at, values=name.tolist()),
        "industry": FieldValues(node=nodes[known], code=at, values=industry.tolist()),
    }


def _tags(session: Session, ids: NDArray[np.int64]) -> FieldValues:
    wid = workspace_id(session)
    person, tag = read_columns(
        session,
        select(PersonTag.person_id, PersonTag.tag_id).where(
            in_workspace(session, PersonTag.workspace_id)
        ),
        ints, ints,
    )  # fmt: skip
    tag_ids, name = read_columns(
        session,
        select(Tag.id, Tag.name)
        .where(Tag.id.in_(select(PersonTag.tag_id).where(PersonTag.workspace_id == wid)))
        .order_by(Tag.id),
        ints, texts,
    )  # fmt: skip
    at = np.searchsorted(tag_ids, tag).astype(np.int64)
    nodes = np.searchsorted(ids, person).astype(np.int64)
    return FieldValues(node=nodes, code=at, values=name.tolist())


def _present(parts: list[FieldValues]) -> FieldValues:
    """The rows of `parts`, in order, that have a value (not NULL, not empty)."""
    offsets = np.cumsum([0] + [len(p.values) for p in parts])
    code = np.concatenate([p.code + offset for p, offset in zip(parts, offsets, strict=False)])
    values = [v for p in parts for v in p.values]
    node = np.concatenate([p.node for p in parts])
    kept = np.fromiter(map(bool, values), dtype=np.bool_, count=len(values))
    some = kept[code]
    renumbered = np.cumsum(kept) - 1
    return FieldValues(
        node=node[some],
        code=renumbered[code[some]],
        values=[v for v, keep in zip(values, kept.tolist(), strict=True) if keep],
    )


def industry_codes(rows: FieldValues, n: int) -> NDArray[np.int32]:
    """An industry code per person (their own industry first, else their employer's)."""
    codes = np.full(n, -1, dtype=np.int32)
    folded: dict[str, int] = {}
    found = (folded.setdefault(fold(v), len(folded)) for v in rows.values)
    code_of = np.fromiter(found, dtype=np.int32, count=len(rows.values))
    # Assigned in reverse, so where a person has several the first given is the one kept.
    codes[rows.node[::-1]] = code_of[rows.code[::-1]]
    return codes


def connectors(attrs: dict[str, FieldValues], n: int) -> NDArray[np.uint32]:
    """Bit r set for each connector role r a person's title, employer, industry or tags
    reveal."""
    bits = np.zeros(n, dtype=np.uint32)
    for name in ("title", "org", "industry", "tag"):
        rows = attrs[name]
        per_value = np.fromiter(map(connector_bits, rows.values), np.uint32, len(rows.values))
        np.bitwise_or.at(bits, rows.node, per_value[rows.code])
    return bits
