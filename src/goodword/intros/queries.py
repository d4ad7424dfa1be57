"""Warm-introduction paths to a person, an organisation or every ICP match; prospects; and
who in your network knows people matching a query."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from goodword.advocates.engine import kept_answer, network_for
from goodword.advocates.network import Network
from goodword.advocates.scoring import ICP_MATCH
from goodword.errors import InvalidInput, NotFound
from goodword.intros.paths import path_reason
from goodword.intros.schemas import KnownTarget, PathView, ProspectRow, WhoKnowsRow
from goodword.people.models import Employment, Organisation, Person, PersonTag, Tag
from goodword.people.queries import summaries_by_id
from goodword.profiles.queries import ties
from goodword.relationships.graph import Path, PathTree, alternatives, best_paths
from goodword.relationships.models import Relationship
from goodword.storage.folding import folded
from goodword.storage.session import workspace_id
from goodword.text import contains_pattern, fold

MAX_HOPS_LIMIT = 6


def paths_to_person(
    session: Session,
    *,
    person_id: int,
    now: datetime,
    as_of: datetime | None = None,
    max_hops: int = 3,
    top: int = 3,
) -> list[PathView]:
    """Several ways to reach one person, each through a different contact of yours."""
    _check_hops(max_hops)
    # Paths and their evidence are taken at the network's moment, so they hold as long as it.
    return kept_answer(
        session,
        now=now,
        as_of=as_of,
        key=("paths to person", person_id, max_hops, top),
        compute=lambda: _paths_to_person(session, person_id, now, as_of, max_hops, top),
    )


def _paths_to_person(
    session: Session,
    person_id: int,
    now: datetime,
    as_of: datetime | None,
    max_hops: int,
    top: int,
) -> list[PathView]:
    network = network_for(session, now=now, as_of=as_of)
    target = network.node(person_id)
    if target is None or target == network.owner:
        raise InvalidInput("Paths lead from you to someone else; name another person.")
    found = alternatives(
        network.graph, network.owner, target, max_hops=max_hops, top=top,
        blocked=None,
    )  # fmt: skip
    return _views(session, network, found)


def paths_to_org(
    session: Session,
    *,
    org: str,
    now: datetime,
    as_of: datetime | None = None,
    max_hops: int = 3,
    top: int = 10,
) -> list[PathView]:
    """The best path to each person at an organisation, best first.

    Raises: NotFound when nobody works at an organisation of that name.
    """
    _check_hops(max_hops)
    like = contains_pattern(fold(org.strip()))
    ids = set(
        session.scalars(
            select(Employment.person_id)
            .join(Organisation, Organisation.id == Employment.org_id)
            .where(
                Employment.workspace_id == workspace_id(session),
                Employment.ended_on.is_(None),
                folded(Organisation.name).like(like, escape="\\"),
            )
        )
    )
    if not ids:
        raise NotFound(f"Nobody in your network works at an organisation matching '{org}'.")
    network = network_for(session, now=now, as_of=as_of)
    targets = network.nodes(np.fromiter(sorted(ids), dtype=np.int64))
    return _best_to(session, network, targets, max_hops=max_hops, top=top)


def paths_to_icp(
    session: Session,
    *,
    now: datetime,
    as_of: datetime | None = None,
    max_hops: int = 3,
    top: int = 10,
) -> list[PathView]:
    """The best path to every ICP match you can reach, best first."""
    _check_hops(max_hops)
    return kept_answer(
        session,
        now=now,
        as_of=as_of,
        key=("paths to icp", max_hops, top),
        compute=lambda: _paths_to_icp(session, now, as_of, max_hops, top),
    )


def _paths_to_icp(
    session: Session, now: datetime, as_of: datetime | None, max_hops: int, top: int
) -> list[PathView]:
    network = network_for(session, now=now, as_of=as_of)
    _require_icp(network)
    targets = np.flatnonzero(network.fits.score >= ICP_MATCH)
    return _best_to(session, network, targets, max_hops=max_hops, top=top)


def rank_prospects(
    session: Session, *, now: datetime, as_of: datetime | None = None, top: int = 20
) -> list[ProspectRow]:
    """People who fit the ICP, best fit first, each with the warmest way in."""
    network = network_for(session, now=now, as_of=as_of)
    _require_icp(network)
    fit = network.fits.score.copy()
    fit[network.owner] = 0.0
    fit[network.owner_ties.client] = 0.0  # clients are won already
    tree = best_paths(network.graph, network.owner, max_hops=3)
    candidates = np.flatnonzero(fit > 0)
    reachable = tree.strength_of(candidates)
    order = np.lexsort((network.person_ids[candidates], -reachable, -fit[candidates]))[:top]
    chosen = candidates[order]
    paths = [tree.path(int(node)) for node in chosen]
    views = _views(session, network, [p for p in paths if p is not None])
    by_target = {v.target.id: v for v in views}
    people = summaries_by_id(session, {network.person(int(n)) for n in chosen})
    rows = []
    for node in chosen.tolist():
        pid = network.person(node)
        path = by_target.get(pid)
        matched = network.fits.matched_of(node)
        reasons = [f"Fits your ideal client profile: {', '.join(matched)}"]
        reasons.append(
            f"Warmest way in: {path.reason}" if path else "No path within 3 introductions yet"
        )
        rows.append(
            ProspectRow(
                person=people[pid], fit=float(fit[node]), matched=matched, best_path=path,
                reasons=reasons,
            )
        )  # fmt: skip
    return rows


def who_knows(
    session: Session, *, query: str, now: datetime, as_of: datetime | None = None, top: int = 10
) -> list[WhoKnowsRow]:
    """Your contacts who can reach people at an organisation, with a title, in an industry or
    with a tag matching `query`, the best-placed first.

    Raises: InvalidInput for an empty query; NotFound when nobody matches it.
    """
    if not query.strip():
        raise InvalidInput("Name what to look for: an organisation, title, industry or tag.")
    ids = _matching(session, query)
    if not ids:
        raise NotFound(
            f"Nobody in your network matches '{query}' (organisation, title, industry or tag)."
        )
    network = network_for(session, now=now, as_of=as_of)
    targets = network.nodes(np.fromiter(sorted(ids), dtype=np.int64))
    tree = best_paths(network.graph, network.owner, max_hops=3)
    asks = tree.first_hop_of(targets)
    strength = tree.strength_of(targets)
    hops = tree.hops_of(targets)
    groups: dict[int, list[int]] = {}
    for i, ask in enumerate(asks.tolist()):
        if ask >= 0:
            groups.setdefault(ask, []).append(i)
    ranked = sorted(groups.items(), key=lambda g: (-max(strength[i] for i in g[1]), g[0]))[:top]
    wanted = {network.person(a) for a, _ in ranked} | {
        network.person(int(targets[i])) for _, rows in ranked for i in rows
    }
    people = summaries_by_id(session, wanted)
    out = []
    for ask, rows in ranked:
        rows.sort(key=lambda i: (-strength[i], int(targets[i])))
        known = [
            KnownTarget(
                target=people[network.person(int(targets[i]))],
                strength=round(float(strength[i]), 6),
                hops=int(hops[i]),
            )
            for i in rows
        ]
        contact = people[network.person(ask)]
        names = ", ".join(k.target.name for k in known[:3]) + ("…" if len(known) > 3 else "")
        out.append(
            WhoKnowsRow(
                person=contact,
                strength=known[0].strength,
                knows=known,
                reason=f"{contact.name} can reach {len(known)} matching "
                f"{'person' if len(known) == 1 else 'people'}: {names}",
            )
        )
    return out


def _matching(session: Session, query: str) -> set[int]:
    wid = workspace_id(session)
    like = contains_pattern(fold(query.strip()))

    def has(column: object) -> object:
        return folded(column).like(like, escape="\\")

    jobs = (
        select(Employment.person_id)
        .outerjoin(Organisation, Organisation.id == Employment.org_id)
        .where(
            Employment.workspace_id == wid,
            Employment.ended_on.is_(None),
            or_(has(Organisation.name), has(Employment.title), has(Organisation.industry)),  # type: ignore[arg-type]
        )
    )
    people = select(Person.id).where(
        Person.workspace_id == wid,
        ~Person.is_me,
        has(Person.industry),  # type: ignore[arg-type]
    )
    tags = (
        select(PersonTag.person_id)
        .join(Tag, Tag.id == PersonTag.tag_id)
        .where(PersonTag.workspace_id == wid, has(Tag.name))  # type: ignore[arg-type]
    )
    return {pid for q in (jobs, people, tags) for pid in session.scalars(q)}


def _best_to(
    session: Session, network: Network, targets: np.ndarray, *, max_hops: int, top: int
) -> list[PathView]:
    tree: PathTree = best_paths(network.graph, network.owner, max_hops=max_hops)
    targets = targets[targets != network.owner]
    strength = tree.strength_of(targets)
    reached = targets[strength > 0]
    order = np.lexsort((network.person_ids[reached], -strength[strength > 0]))[:top]
    paths = [tree.path(int(n)) for n in reached[order]]
    return _views(session, network, [p for p in paths if p is not None])


def _views(session: Session, network: Network, paths: list[Path]) -> list[PathView]:
    """Names each path's people and says why each hop holds."""
    ids = {network.person(n) for p in paths for n in p.nodes}
    people = summaries_by_id(session, ids)
    labels = _labels(session, ids)
    hops = {
        (network.person(a), network.person(b))
        for p in paths
        for a, b in itertools.pairwise(p.nodes)
    }
    evidence = _evidence(session, hops, now=_moment(network))
    views = []
    for path in paths:
        chain = [people[network.person(n)] for n in path.nodes]
        weights = [
            network.graph.weight(a, b) for a, b in zip(path.nodes, path.nodes[1:], strict=False)
        ]
        views.append(
            PathView(
                target=chain[-1],
                ask=chain[1],
                via=chain[2:-1],
                strength=round(path.strength, 6),
                hops=len(path.nodes) - 1,
                reason=path_reason(chain, weights, labels, evidence),
            )
        )
    return views


def _evidence(
    session: Session, hops: set[tuple[int, int]], *, now: datetime
) -> dict[tuple[int, int], str]:
    """What each hop's tie rests on ("4 coffees in the last year…"), from the first person's
    side, as `person show` words it."""
    wanted: dict[int, set[int]] = {}
    for a, b in hops:
        wanted.setdefault(a, set()).add(b)
    return {
        (a, tie.person.id): tie.evidence
        for a, others in wanted.items()
        for tie in ties(session, person_id=a, now=now, among=others)
        if tie.evidence
    }


def _moment(network: Network) -> datetime:
    return datetime.fromtimestamp(network.now_day * 86400, tz=UTC)


def _labels(session: Session, ids: set[int]) -> dict[tuple[int, int], str]:
    """(a, b) → the role b plays for a, for ties more specific than "knows"."""
    ties = session.scalars(
        select(Relationship).where(
            Relationship.workspace_id == workspace_id(session),
            Relationship.person_a_id.in_(ids),
            Relationship.person_b_id.in_(ids),
        )
    )
    out = {}
    for tie in ties:
        if tie.kind.value != "knows":
            a, b = tie.person_a_id, tie.person_b_id
            out[(a, b)] = tie.label_for(b)
            out[(b, a)] = tie.label_for(a)
    return out


def _require_icp(network: Network) -> None:
    if not network.fits.criteria:
        raise InvalidInput(
            "No ideal client profile yet; add criteria with "
            "`goodword icp add FIELD is|contains|any-of VALUE`."
        )


def _check_hops(max_hops: int) -> None:
    if not 1 <= max_hops <= MAX_HOPS_LIMIT:
        raise InvalidInput(f"--max-hops must be between 1 and {MAX_HOPS_LIMIT}, not {max_hops}.")
