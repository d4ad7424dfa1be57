"""Streaming the demo network: organisations first, then people in chunks with their ties.

Every tie joins a person to someone generated before them, so each chunk's ties point only
at rows already written, and a pair can only be produced while its later person is being
made: checking for duplicates needs a set per person, not one for the whole network.
"""

from __future__ import annotations

import random
from array import array
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate

from goodword.demo.contact_details import ContactDetails, slug
from goodword.demo.plan import OWNER_ORG, SPECIAL_ORGS, Plan, Role
from goodword.demo.ties import TieMaker
from goodword.demo.vocabulary import (
    CITIES,
    FIRST_NAMES,
    GENERIC_TITLES,
    INDUSTRIES,
    LAST_NAMES,
    MIDDLE_INITIALS,
    NAME_ENDS,
    NAME_STARTS,
    OWNER_CITY,
    TECH_INDUSTRIES,
)

Row = dict[str, object]
# Table name to rows, in an order that satisfies the foreign keys between them.
Batch = dict[str, list[Row]]

PEOPLE_PER_ORG = 9
NAME_MEMORY = 1_000_000  # past this many people, namesakes are realistic and not worth a set
INDUSTRY = {industry.name: industry for industry in INDUSTRIES}


@dataclass(frozen=True)
class Ids:
    """The id of index 0 in each table the generator links to; the rest count up."""

    workspace: int
    owner: int
    person: int
    organisation: int
    tags: Mapping[str, int]


@dataclass(frozen=True)
class Org:
    name: str
    industry: str
    city: int
    domain: str


@dataclass(frozen=True)
class Sketch:
    """What the activity generator needs to tell stories about a direct contact or prospect."""

    name: str
    first: str
    org: str | None
    title: str | None
    industry: str | None
    city: str


@dataclass
class Network:
    plan: Plan
    ids: Ids
    rng: random.Random
    now: datetime
    taken_orgs: set[str] = field(default_factory=set)
    taken_handles: set[str] = field(default_factory=set)
    orgs: list[Org] = field(default_factory=list)
    sketches: dict[int, Sketch] = field(default_factory=dict)

    def __post_init__(self) -> None:
        plan = self.plan
        self.ties = TieMaker(plan, self.rng, self.ids, now=self.now)
        self.bni = set(plan.bni)
        self.city_members = [array("i") for _ in CITIES]
        self.city_weights = list(accumulate(c.weight for c in CITIES))
        self.role_seen: Counter[Role] = Counter()
        self.names: set[str] = set()
        self.details = ContactDetails(self.rng, self.ids.workspace, self.taken_handles)
        self.sketched = {r.prospect for r in plan.referrals} | {
            v for r in plan.referrals for v in r.via
        }

    def organisation_rows(self) -> list[Row]:
        """The special organisations, then Pareto-sized ones: a few employ thousands."""
        count = max(len(SPECIAL_ORGS) + 5, self.plan.people // PEOPLE_PER_ORG)
        industry_weights = list(accumulate(i.weight for i in INDUSTRIES))
        weights: list[float] = []
        for special in SPECIAL_ORGS:
            self._add_org(special.name, special.industry, OWNER_CITY)
            weights.append(special.weight)
        while len(self.orgs) < count:
            industry = INDUSTRIES[self._pick(industry_weights)]
            city = self._pick(self.city_weights)
            self._add_org(self._org_name(industry.suffixes), industry.name, city)
            weights.append(min(300.0, self.rng.paretovariate(1.3)))
        self.org_weights = list(accumulate(weights))
        self.org_members = [array("i") for _ in self.orgs]
        self.orgs_by_industry: dict[str, list[int]] = {}
        for index, org in enumerate(self.orgs):
            if index >= len(SPECIAL_ORGS):
                self.orgs_by_industry.setdefault(org.industry, []).append(index)
        created = self.now
        return [
            {
                "id": self.ids.organisation + k,
                "workspace_id": self.ids.workspace,
                "name": o.name,
                "industry": o.industry,
                "city": CITIES[o.city].name,
                "created_at": created,
            }
            for k, o in enumerate(self.orgs)
        ]

    def _add_org(self, name: str, industry: str, city: int) -> None:
        name = _unique(name, self.taken_orgs)
        self.taken_orgs.add(name)
        self.orgs.append(Org(name, industry, city, f"{slug(name).replace('-', '')}.example"))

    def _org_name(self, suffixes: tuple[str, ...]) -> str:
        rng = self.rng
        for _ in range(4):
            if rng.random() < 0.25:
                stem = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
            else:
                start = NAME_STARTS[rng.randrange(len(NAME_STARTS))]
                stem = start + NAME_ENDS[rng.randrange(len(NAME_ENDS))]
            name = f"{stem} {suffixes[rng.randrange(len(suffixes))]}"
            if name not in self.taken_orgs:
                break
        return name

    def _pick(self, cumulative: list[float]) -> int:
        return self.rng.choices(range(len(cumulative)), cum_weights=cumulative)[0]

    def people_batches(self, chunk: int) -> Iterator[Batch]:
        """Yields people, their handles, jobs, tags and ties, `chunk` people at a time."""
        for start in range(0, self.plan.people, chunk):
            tables = ("person", "handle", "address", "employment", "person_tag")
            batch: Batch = {t: [] for t in tables}
            batch["relationship"] = []
            for index in range(start, min(start + chunk, self.plan.people)):
                self._person(index, batch)
            yield batch

    def _person(self, i: int, batch: Batch) -> None:
        rng, role = self.rng, self.plan.roles.get(i)
        org = self._pick_org(role)
        if role is not None and role.org is not None:
            city = self.orgs[org].city
        elif i < self.plan.directs and rng.random() < 0.6:
            city = OWNER_CITY
        elif org >= 0 and rng.random() < 0.85:
            city = self.orgs[org].city
        else:
            city = self._pick(self.city_weights)
        industry = self.orgs[org].industry if org >= 0 else None
        title = self._title(org, industry, role)
        first, last, name = self._name()
        pid = self.ids.person + i
        batch["person"].append(self._person_row(pid, name, city, industry))
        domain = self.orgs[org].domain if org >= 0 else None
        direct = i < self.plan.directs
        batch["handle"].extend(
            self.details.for_person(i, pid, (first, last), domain, city, direct=direct)
        )
        if direct:
            batch["address"].extend(self.details.work_address(pid, city))
        if org >= 0:
            batch["employment"].extend(self._jobs(pid, org, title))
        self._tags(i, pid, title, industry, role, batch["person_tag"])
        colleagues = self.org_members[org] if org >= 0 else None
        batch["relationship"].extend(
            self.ties.for_person(i, city, colleagues, self.city_members[city])
        )
        if org >= 0:
            self.org_members[org].append(i)
        self.city_members[city].append(i)
        if i < self.plan.directs or i in self.sketched:
            org_name = self.orgs[org].name if org >= 0 else None
            self.sketches[i] = Sketch(name, first, org_name, title, industry, CITIES[city].name)

    def _pick_org(self, role: Role | None) -> int:
        rng = self.rng
        if role is not None and role.org is not None:
            return role.org
        if role is not None and role.industry in self.orgs_by_industry:
            choices = self.orgs_by_industry[role.industry]
            return choices[rng.randrange(len(choices))]
        if rng.random() < 0.07:
            return -1  # freelancers and the retired belong to no organisation
        org = self._pick(self.org_weights)
        return org if org != OWNER_ORG else -1

    def _title(self, org: int, industry: str | None, role: Role | None) -> str | None:
        rng = self.rng
        if role is not None:
            seen = self.role_seen[role]
            self.role_seen[role] += 1
            return role.titles[seen % len(role.titles)]
        if org < 0 or industry is None:
            return None
        details = INDUSTRY[industry]
        if org >= len(SPECIAL_ORGS) and not self.org_members[org]:
            return details.head  # whoever joins an organisation first runs it
        if rng.random() < 0.72:
            return details.titles[rng.randrange(len(details.titles))]
        return GENERIC_TITLES[rng.randrange(len(GENERIC_TITLES))]

    def _name(self) -> tuple[str, str, str]:
        rng = self.rng
        for _ in range(3):
            first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
            last = LAST_NAMES[rng.randrange(len(LAST_NAMES))]
            if rng.random() < 0.08:  # double-barrelled, as many Hispanic and British names are
                last = f"{last}-{LAST_NAMES[rng.randrange(len(LAST_NAMES))]}"
            if rng.random() < 0.3:
                name = f"{first} {MIDDLE_INITIALS[rng.randrange(len(MIDDLE_INITIALS))]}. {last}"
            else:
                name = f"{first} {last}"
            if name not in self.names:
                break
        if len(self.names) < NAME_MEMORY:
            self.names.add(name)
        return first, last, name

    def _person_row(self, pid: int, name: str, city: int, industry: str | None) -> Row:
        rng, place = self.rng, CITIES[city]
        month = day = year = None
        if rng.random() < 0.15:
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            year = rng.randint(1958, 2001) if rng.random() < 0.5 else None
        return {
            "id": pid,
            "workspace_id": self.ids.workspace,
            "name": name,
            "is_me": False,
            "city": place.name,
            "country": place.country,
            "industry": industry,
            "birthday_month": month,
            "birthday_day": day,
            "birthday_year": year,
            "created_at": self.now,
            "updated_at": self.now,
        }

    def _jobs(self, pid: int, org: int, title: str | None) -> list[Row]:
        rng, today = self.rng, self.now.date()
        started = today - timedelta(days=rng.randint(30, 4000))
        rows: list[Row] = [self._job(pid, org, title, started, None)]
        if rng.random() < 0.05:
            before = self._pick(self.org_weights)
            if before not in (org, OWNER_ORG):
                ended = started - timedelta(days=rng.randint(0, 60))
                began = ended - timedelta(days=rng.randint(200, 2000))
                details = INDUSTRY[self.orgs[before].industry]
                old = details.titles[rng.randrange(len(details.titles))]
                rows.insert(0, self._job(pid, before, old, began, ended))
        return rows

    def _job(self, pid: int, org: int, title: str | None, started: date, ended: date | None) -> Row:
        return {
            "workspace_id": self.ids.workspace,
            "person_id": pid,
            "org_id": self.ids.organisation + org,
            "title": title,
            "started_on": started,
            "ended_on": ended,
        }

    def _tags(
        self,
        i: int,
        pid: int,
        title: str | None,
        industry: str | None,
        role: Role | None,
        rows: list[Row],
    ) -> None:
        rng = self.rng
        names = set(role.tags) if role is not None else set()
        if title and industry in TECH_INDUSTRIES and ("Founder" in title or "CEO" in title):
            names.add("founder")
            if rng.random() < 0.45:
                names.add("funded")
        if industry == "Venture Capital":
            names.add("investor")
        elif industry == "Banking" and rng.random() < 0.5:
            names.add("banker")
        elif industry == "Legal" and rng.random() < 0.4:
            names.add("lawyer")
        if rng.random() < 0.04:
            names.add("alumni")
        if i in self.bni:
            names.add("bni")
        if i < self.plan.directs and rng.random() < 0.08:
            names.add(rng.choice(("chamber", "speaker", "board")))
        wid, tag_ids = self.ids.workspace, self.ids.tags
        rows.extend(
            {"person_id": pid, "tag_id": tag_ids[n], "workspace_id": wid} for n in sorted(names)
        )


def _unique(name: str, taken: set[str]) -> str:
    """Organisation names are unique per workspace; a clash gets a number, as companies do."""
    number = 2
    candidate = name
    while candidate in taken:
        candidate = f"{name} {number}"
        number += 1
    return candidate
