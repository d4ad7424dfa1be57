"""Simulated referral worlds whose true advocates are known, written into a real workspace.

Used by bench/advocate_eval.py and tests/advocates/test_eval_worlds.py. A world is a
population split into communities: the ideal clients (ICP) form one, everyone else others,
and most ties stay inside a community, as they do in life. Among the owner's contacts:
- true advocates: strong, recent, two-way ties to the owner and many ties into the ICP;
- hubs: just as close to the owner, with many more ties, all into the wrong audience, and a
  connector's title;
- prospects: ICP people close to the owner who know nobody;
- faded connectors: they know as many ICP people as an advocate, but the owner last saw them
  years ago and always made the first move (more contacts in total than anyone);
- ordinary contacts: a few contacts, at any time, with whoever they happen to know.
Ties are written as stated `knows` rows (with or without a strength) or as group meetings
(calendar-style co-attendance), the mix varying by world, as do size, density and whether
the ICP is defined by tag, industry or title.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from goodword.demo.writer import TableWriter
from goodword.interactions.models import InteractionKind
from goodword.people.service import get_owner
from goodword.relationships.kinds import TieKind, TieSource
from goodword.workspace import Workspace, open_workspace

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
ICP_BY = ("tag", "industry", "title")
DECOYS = ("hub", "prospect", "faded")
OTHER_INDUSTRIES = ("Retail", "Education", "Construction", "Hospitality", "Logistics", "Media")
OTHER_TITLES = ("Teacher", "Engineer", "Nurse", "Designer", "Sales Associate", "Architect")
HUB_TITLES = ("Community Organiser", "Meetup Host", "Events Manager", "Association Secretary")
ADVOCATE_TITLES = (*OTHER_TITLES, "Accountant", "Business Banker", "Consultant")
OWNER_KINDS = (InteractionKind.COFFEE, InteractionKind.CALL, InteractionKind.MEETING)


@dataclass(frozen=True)
class Shape:
    """What varies between worlds."""

    people: int
    icp_by: str
    density: float  # mean ties per ordinary person
    meeting_share: float  # share of tie groups written as meetings rather than `knows` rows
    strength_share: float  # share of `knows` rows that carry a strength
    advocates: int
    hubs: int
    prospects: int
    faded: int

    def label(self) -> str:
        return (
            f"{self.people} people, ICP by {self.icp_by}, density {self.density:.1f}, "
            f"meetings {self.meeting_share:.0%}"
        )


def random_shape(rng: random.Random, *, small: bool = False) -> Shape:
    return Shape(
        people=rng.randint(300, 600) if small else int(300 * (5000 / 300) ** rng.random()),
        icp_by=rng.choice(ICP_BY),
        density=rng.uniform(2.0, 8.0),
        meeting_share=rng.choice((0.0, 0.5, 1.0)),
        strength_share=rng.uniform(0.0, 0.6),
        advocates=rng.randint(5, 10),
        hubs=rng.randint(3, 8),
        prospects=rng.randint(5, 15),
        faded=rng.randint(3, 8),
    )


@dataclass
class World:
    """People are 0..n-1; the owner is `OWNER`. Days count back from NOW."""

    shape: Shape
    icp: set[int]
    community: list[int]
    industry: list[str | None]
    title: list[str | None]
    tags: list[list[str]]
    role: dict[int, str] = field(default_factory=dict)  # owner's contacts only
    ties: dict[tuple[int, int], float | None] = field(default_factory=dict)  # stated strength
    meetings: list[tuple[int, list[int]]] = field(default_factory=list)  # (days ago, people)
    touches: list[tuple[int, int, InteractionKind, bool | None]] = field(default_factory=list)
    owner_rows: dict[int, tuple[float | None, int | None]] = field(default_factory=dict)

    def with_role(self, role: str) -> list[int]:
        return sorted(p for p, r in self.role.items() if r == role)

    def neighbours(self) -> dict[int, set[int]]:
        """Who each person is tied to, through rows and meetings alike (the owner aside)."""
        found: dict[int, set[int]] = {}
        for a, b in self.ties:
            found.setdefault(a, set()).add(b)
            found.setdefault(b, set()).add(a)
        for _, group in self.meetings:
            for a in group:
                found.setdefault(a, set()).update(p for p in group if p != a)
        return found


OWNER = -1


def make_world(shape: Shape, seed: int) -> World:
    rng = random.Random(seed)
    n = shape.people
    icp = set(rng.sample(range(n), max(20, n // 8)))
    community = [0 if p in icp else rng.randint(1, 4) for p in range(n)]
    world = World(shape, icp, community, *_attributes(shape, icp, community, rng))
    members: dict[int, list[int]] = {}
    for p in range(n):
        members.setdefault(community[p], []).append(p)
    others = [p for p in range(n) if p not in icp]
    special = rng.sample(others, shape.advocates + shape.hubs + shape.faded)
    prospects = rng.sample(sorted(icp), shape.prospects)
    plan = [("advocate", shape.advocates), ("hub", shape.hubs), ("faded", shape.faded)]
    for role, count in plan:
        for p in special[:count]:
            world.role[p] = role
        special = special[count:]
    for p in prospects:
        world.role[p] = "prospect"
    for p in rng.sample(range(n), max(30, n // 12)):
        world.role.setdefault(p, "ordinary")
    alone = set(prospects)  # they know nobody
    members = {c: [p for p in m if p not in alone] for c, m in members.items()}
    _population_ties(world, members, rng)
    for p, role in world.role.items():
        _role_ties(world, p, role, members, rng)
        _owner_touches(world, p, role, rng)
    return world


def _attributes(
    shape: Shape, icp: set[int], community: list[int], rng: random.Random
) -> tuple[list[str | None], list[str | None], list[list[str]]]:
    industry: list[str | None] = []
    title: list[str | None] = []
    tags: list[list[str]] = []
    for p, home in enumerate(community):
        fits = p in icp
        trade = OTHER_INDUSTRIES[home % len(OTHER_INDUSTRIES)]
        industry.append("Healthcare" if fits and shape.icp_by == "industry" else trade)
        job = rng.choice(OTHER_TITLES)
        if fits and shape.icp_by == "title":
            job = rng.choice(("CFO", "Finance Director"))
        title.append(job)
        tags.append(["founder"] if fits and shape.icp_by == "tag" else rng.choice(([], ["alumni"])))
    return industry, title, tags


def _population_ties(world: World, members: dict[int, list[int]], rng: random.Random) -> None:
    """Everyone knows a few people, most of them in their own community."""
    everyone = [p for m in members.values() for p in m]
    for p in everyone:
        for _ in range(_poisson(rng, world.shape.density / 2)):
            pool = members[world.community[p]] if rng.random() < 0.85 else everyone
            q = rng.choice(pool)
            if q != p:
                _tie(world, [p, q], rng, spread=1500)


def _role_ties(
    world: World, p: int, role: str, members: dict[int, list[int]], rng: random.Random
) -> None:
    icp = members[0]
    wrong = members[world.community[p]]
    if role in ("advocate", "faded"):
        world.title[p] = rng.choice(ADVOCATE_TITLES)
        _group_ties(world, p, rng.sample(icp, min(len(icp), rng.randint(15, 40))), rng)
        _group_ties(world, p, rng.sample(wrong, min(len(wrong), rng.randint(5, 15))), rng)
    elif role == "hub":
        world.title[p] = rng.choice(HUB_TITLES)
        _group_ties(world, p, rng.sample(wrong, min(len(wrong) - 1, rng.randint(80, 250))), rng)


def _group_ties(world: World, p: int, friends: list[int], rng: random.Random) -> None:
    """Ties from `p` to each friend, in small groups that met or were stated tie by tie."""
    friends = [q for q in friends if q != p]
    while friends:
        size = rng.randint(2, 5)
        group, friends = friends[:size], friends[size:]
        if rng.random() < world.shape.meeting_share:
            for _ in range(rng.randint(1, 2)):
                world.meetings.append((rng.randint(10, 700), [p, *group]))
        else:
            for q in group:
                _tie(world, [p, q], rng, spread=0)


def _tie(world: World, pair: list[int], rng: random.Random, *, spread: int) -> None:
    """One tie between two people; `spread` > 0 lets it be a two-person meeting instead."""
    if spread and rng.random() < world.shape.meeting_share:
        world.meetings.append((rng.randint(1, spread), pair))
        return
    a, b = sorted(pair)
    given = rng.random() < world.shape.strength_share
    world.ties.setdefault((a, b), round(rng.uniform(0.3, 0.9), 2) if given else None)


def _owner_touches(world: World, p: int, role: str, rng: random.Random) -> None:
    """The owner's own history with each contact, which tie strength is made of."""
    if role in ("advocate", "hub", "prospect"):
        days = [rng.randint(3, 200) for _ in range(rng.randint(6, 14))]
        sides: list[bool | None] = [rng.random() < 0.5 for _ in days]
        sides[0], sides[1] = True, False  # both sides reach out
    elif role == "faded":
        start = rng.randint(3 * 365, 6 * 365)
        days = [start + rng.randint(0, 700) for _ in range(rng.randint(20, 50))]
        sides = [True] * len(days)  # the owner always made the first move
    else:
        days = [rng.randint(1, 1100) for _ in range(rng.randint(0, 3))]
        sides = [rng.choice((True, False, None)) for _ in days]
    for day, by_owner in zip(days, sides, strict=True):
        kind = rng.choice(OWNER_KINDS) if role != "ordinary" else InteractionKind.EMAIL
        world.touches.append((p, day, kind, by_owner))
    if not days or rng.random() < 0.5:
        strength = round(rng.uniform(0.3, 0.7), 2) if role == "ordinary" else None
        since = max(days, default=rng.randint(30, 900)) + rng.randint(0, 60)
        world.owner_rows[p] = (strength, since)


def _poisson(rng: random.Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count, total = count + 1, total + rng.expovariate(1.0)
    return count


def write_world(world: World, db: Path) -> tuple[Workspace, int]:
    """A fresh SQLite workspace holding `world`; returns it and the id of person 0."""
    workspace = open_workspace(str(db))
    with workspace.transaction() as session:
        writer = TableWriter(session.connection(), workspace.id)
        first = _write_people(world, writer, get_owner(session).id)
        _write_ties(world, writer, get_owner(session).id, first)
    return workspace, first


def _write_people(world: World, writer: TableWriter, owner: int) -> int:
    wid, n = writer.workspace_id, world.shape.people
    first = writer.claim("person", n)
    at = NOW - timedelta(days=2000)
    writer.insert("person", [
        {"id": first + p, "workspace_id": wid, "name": f"Person {p:05d}", "is_me": False,
         "industry": world.industry[p], "created_at": at, "updated_at": at}
        for p in range(n)
    ])  # fmt: skip
    writer.insert("employment", [
        {"workspace_id": wid, "person_id": first + p, "org_id": None, "title": world.title[p],
         "started_on": None, "ended_on": None}
        for p in range(n) if world.title[p]
    ])  # fmt: skip
    names = sorted({t for ts in world.tags for t in ts})
    tag_first = writer.claim("tag", len(names))
    tag_id = {name: tag_first + k for k, name in enumerate(names)}
    writer.insert("tag", [{"id": i, "workspace_id": wid, "name": t} for t, i in tag_id.items()])
    writer.insert("person_tag", [
        {"person_id": first + p, "tag_id": tag_id[t], "workspace_id": wid}
        for p in range(n) for t in world.tags[p]
    ])  # fmt: skip
    criterion = {
        "tag": ("tag", "is", "founder"),
        "industry": ("industry", "is", "Healthcare"),
        "title": ("title", "any-of", "CFO, Finance Director"),
    }[world.shape.icp_by]
    field_, operator, value = criterion
    writer.insert("icp_criterion", [
        {"workspace_id": wid, "field": field_, "operator": operator, "value": value, "weight": 1.0}
    ])  # fmt: skip
    return first


def _write_ties(world: World, writer: TableWriter, owner: int, first: int) -> None:
    wid = writer.workspace_id
    rows = []
    for (a, b), strength in world.ties.items():
        rows.append(_relationship(wid, first + a, first + b, strength, None))
    for p, (strength, since) in world.owner_rows.items():
        since_day = None if since is None else (NOW - timedelta(days=since)).date()
        rows.append(_relationship(wid, owner, first + p, strength, since_day))
    writer.insert("relationship", rows)
    events = [(day, [first + p for p in group], InteractionKind.MEETING, None)
              for day, group in world.meetings]  # fmt: skip
    for p, day, kind, by_owner in world.touches:
        starter = None if by_owner is None else owner if by_owner else first + p
        events.append((day, [owner, first + p], kind, starter))
    start = writer.claim("interaction", len(events))
    interactions, participants = [], []
    for k, (day, people, kind, starter) in enumerate(events):
        at = NOW - timedelta(days=day, hours=k % 9)
        interactions.append({
            "id": start + k, "workspace_id": wid, "kind": kind, "at": at, "note": None,
            "initiated_by_id": starter, "external_id": None, "created_at": at,
        })  # fmt: skip
        participants += [
            {"interaction_id": start + k, "person_id": who, "workspace_id": wid}
            for who in sorted(set(people))
        ]
    writer.insert("interaction", interactions)
    writer.insert("participant", participants)


def _relationship(
    wid: int, one: int, other: int, strength: float | None, since: date | None
) -> dict[str, object]:
    a, b = sorted((one, other))
    # A tie to the owner was recorded when it began; others came with a recent import.
    recorded = NOW - timedelta(days=1)
    if since is not None:
        recorded = datetime.combine(since, recorded.timetz())
    return {
        "workspace_id": wid, "person_a_id": a, "person_b_id": b, "kind": TieKind.KNOWS,
        "reversed": False, "strength": strength,
        "source": TieSource.STATED if strength is None or a % 2 else TieSource.IMPORTED,
        "note": None, "since": since, "created_at": recorded,
    }  # fmt: skip
