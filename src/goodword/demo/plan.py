"""Who plays which part in the demo network, decided before a single row is written.

Roles (connectors, advocates, prospects) and the referrals between them are planned first,
so the people generator can give each their title and ties as it streams past them, and
nothing has to be patched afterwards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import pairwise

from goodword.referrals.models import ReferralStatus
from goodword.relationships.kinds import TieKind

DIRECT_SHARE = 12  # one person in twelve is someone the owner knows personally
MAX_DIRECTS = 2000  # nobody keeps up with more, however big the network
MIN_DIRECTS = 10


@dataclass(frozen=True)
class SpecialOrg:
    name: str
    industry: str
    weight: float  # how many people work there, relative to an average organisation


# The first organisations; their index is their position here.
SPECIAL_ORGS: tuple[SpecialOrg, ...] = (
    SpecialOrg("Whitfield CFO Partners", "Accounting", 0),
    SpecialOrg("San Francisco Chamber of Commerce", "Nonprofit", 3),
    SpecialOrg("Bayside Commerce Bank", "Banking", 40),
    SpecialOrg("Foghorn Ventures", "Venture Capital", 2),
    SpecialOrg("Castillo & Park LLP", "Legal", 6),
    SpecialOrg("Foundry Coworking", "Real Estate", 2),
    SpecialOrg("Golden Gate Angels", "Venture Capital", 1),
    SpecialOrg("Mission Launchpad", "Nonprofit", 2),
)
OWNER_ORG = 0


@dataclass(frozen=True)
class Role:
    """Forced attributes; `titles` cycles when several people share the role."""

    titles: tuple[str, ...]
    org: int | None = None
    industry: str | None = None
    tags: tuple[str, ...] = ()


CONNECTOR_ROLES: tuple[Role, ...] = (
    Role(("President & CEO", "Membership Director", "Events Manager"), 1, tags=("chamber",)),
    Role(("Relationship Manager", "VP Commercial Banking"), 2, tags=("banker",)),
    Role(("Associate", "Principal", "Platform Lead"), 3, tags=("investor",)),
    Role(("Partner", "Senior Associate"), 4, tags=("lawyer",)),
    Role(("Head of Community", "Community Manager"), 5, tags=("community",)),
    Role(("Managing Director", "Member"), 6, tags=("investor", "speaker")),
    Role(("Executive Director", "Program Director"), 7, tags=("board",)),
)
ADVOCATE_ROLES: tuple[Role, ...] = (
    Role(("Founder & CEO",), industry="Software", tags=("founder", "funded", "client")),
    Role(("Head of People",), industry="SaaS"),
    Role(("Marketing Director",), industry="Marketing"),
    Role(("Business Development Manager",), industry="Insurance"),
    Role(("Partner",), industry="Consulting"),
    Role(("VP Finance",), industry="Fintech", tags=("client",)),
)
PROSPECT_TITLES = ("Founder & CEO", "Co-founder & CEO", "CEO", "Founder")
STATUS_WEIGHTS: tuple[tuple[ReferralStatus, float], ...] = (
    (ReferralStatus.RECEIVED, 12),
    (ReferralStatus.CONTACTED, 12),
    (ReferralStatus.MET, 12),
    (ReferralStatus.PROPOSAL, 12),
    (ReferralStatus.WON, 35),
    (ReferralStatus.LOST, 17),
)


@dataclass(frozen=True)
class PlannedTie:
    other: int  # always the lower index, so the tie is written when the higher one is
    kind: TieKind
    strength: float | None


@dataclass(frozen=True)
class ReferralPlan:
    referrer: int
    prospect: int
    via: tuple[int, ...]
    status: ReferralStatus


@dataclass
class Plan:
    people: int
    directs: int
    connectors: list[int]
    advocates: list[int]
    hubs: list[int]
    bni: list[int]
    referrals: list[ReferralPlan]
    roles: dict[int, Role] = field(default_factory=dict)
    ties: dict[int, list[PlannedTie]] = field(default_factory=dict)

    def plan_tie(self, a: int, b: int, kind: TieKind, strength: float | None) -> None:
        low, high = sorted((a, b))
        self.ties.setdefault(high, []).append(PlannedTie(low, kind, strength))


def direct_count(people: int) -> int:
    return min(people, max(MIN_DIRECTS, min(MAX_DIRECTS, people // DIRECT_SHARE)))


def make_plan(people: int, rng: random.Random) -> Plan:
    """Connectors first, then advocates (a third of them connectors), then everyone else."""
    directs = direct_count(people)
    n_connectors = min(directs, max(2, directs // 60))
    connectors = list(range(n_connectors))
    n_advocates = min(directs, max(3, directs // 50))
    from_connectors = min(n_connectors, (n_advocates + 2) // 3)
    others = range(n_connectors, min(directs, n_connectors + n_advocates - from_connectors))
    advocates = [*connectors[:from_connectors], *others]
    n_hubs = min(people - directs, (people - directs) // 2000)
    hubs = [*connectors, *range(directs, directs + n_hubs)]
    bni = rng.sample(range(n_connectors, directs), min(24, directs // 16))
    plan = Plan(people, directs, connectors, advocates, hubs, bni, referrals=[])
    for k, index in enumerate(connectors):
        plan.roles[index] = CONNECTOR_ROLES[k % len(CONNECTOR_ROLES)]
    for k, index in enumerate(advocates[from_connectors:]):
        plan.roles[index] = ADVOCATE_ROLES[k % len(ADVOCATE_ROLES)]
    for k, a in enumerate(bni):
        for b in bni[k + 1 :]:
            plan.plan_tie(a, b, TieKind.PARTNER, 0.5)
    _plan_referrals(plan, rng, first_free=directs + n_hubs)
    return plan


def _plan_referrals(plan: Plan, rng: random.Random, *, first_free: int) -> None:
    """Heavy-tailed: the best advocate sends about six, most send one or two."""
    ranked = rng.sample(plan.advocates, len(plan.advocates))
    counts = [max(1, round(6 / (rank + 1) ** 0.7)) for rank in range(len(ranked))]
    chains = [rng.choice((1, 2)) if rng.random() < 0.2 else 0 for _ in range(sum(counts))]
    needed = sum(counts) + sum(chains)
    if plan.people - first_free >= needed:
        drawn = [first_free + i for i in rng.sample(range(plan.people - first_free), needed)]
    else:  # a tiny network: prospects come from whoever is not an advocate
        taken = set(plan.advocates)
        pool = [i for i in range(plan.people) if i not in taken]
        drawn = rng.sample(pool, min(len(pool), needed))
    statuses = _statuses(rng, len(chains))
    plans: list[ReferralPlan] = []
    for advocate, count in zip(ranked, counts, strict=True):
        for _ in range(count):
            k = len(plans)
            need = chains[k] + 1
            if len(drawn) < need:
                break
            people, drawn = drawn[:need], drawn[need:]
            plans.append(ReferralPlan(advocate, people[-1], tuple(people[:-1]), statuses[k]))
    for referral in plans:
        _plan_referral_ties(plan, referral, rng)
    plan.referrals = plans


def _statuses(rng: random.Random, n: int) -> list[ReferralStatus]:
    """Every stage of the pipeline shows up (won and lost first), so every report has data."""
    names = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    statuses = rng.choices(names, weights=weights, k=n)
    ensured = [ReferralStatus.WON, ReferralStatus.LOST, *(s for s in names if not s.is_closed)]
    statuses[: len(ensured)] = ensured[:n]
    rng.shuffle(statuses)
    return statuses


def _plan_referral_ties(plan: Plan, referral: ReferralPlan, rng: random.Random) -> None:
    """The referrer knows the first link, each link the next, the last link the prospect."""
    chain = [referral.referrer, *referral.via, referral.prospect]
    for a, b in pairwise(chain):
        kind = rng.choice((TieKind.FRIEND, TieKind.KNOWS, TieKind.PARTNER, TieKind.KNOWS))
        plan.plan_tie(a, b, kind, round(rng.uniform(0.55, 0.95), 2))
    title = PROSPECT_TITLES[rng.randrange(len(PROSPECT_TITLES))]
    tags = ("founder", "funded") if rng.random() < 0.6 else ("founder",)
    if referral.status == ReferralStatus.WON:
        tags = (*tags, "client")
    if referral.prospect >= plan.directs:
        industry = rng.choice(("Software", "SaaS", "Fintech"))
        plan.roles[referral.prospect] = Role((title,), industry=industry, tags=tags)
