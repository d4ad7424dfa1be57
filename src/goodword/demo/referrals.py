"""The referrals the demo's advocates send, each with a dated walk through the pipeline.

A referral's steps are laid out backwards from a moment before `now`, so every history is
chronological and nothing happens in the future. Open referrals are recent; closed ones can
be up to two years old.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from goodword.demo.generate import Batch, Row, Sketch
from goodword.demo.plan import Plan, ReferralPlan
from goodword.demo.stories import REFERRAL_NOTES
from goodword.interactions.models import InteractionKind
from goodword.referrals.models import LedgerKind, ReferralStatus

PIPELINE = (
    ReferralStatus.RECEIVED,
    ReferralStatus.CONTACTED,
    ReferralStatus.MET,
    ReferralStatus.PROPOSAL,
    ReferralStatus.WON,
)
# What the owner does with the prospect when a referral reaches each status.
TOUCHES = {
    ReferralStatus.CONTACTED: InteractionKind.EMAIL,
    ReferralStatus.MET: InteractionKind.MEETING,
    ReferralStatus.PROPOSAL: InteractionKind.VIDEO,
    ReferralStatus.WON: InteractionKind.MEETING,
}
DAY = timedelta(days=1)


@dataclass(frozen=True)
class ActivityIds:
    """First ids of the tables the activity rows link between."""

    workspace: int
    owner: int
    person: int
    event: int
    interaction: int
    referral: int


@dataclass(frozen=True)
class Touch:
    """A moment the owner spent with a referred prospect (and sometimes the referrer)."""

    prospect: int
    referrer: int | None
    kind: InteractionKind
    at: datetime


@dataclass
class ReferralBook:
    rows: Batch
    touches: list[Touch]
    won: int
    # Prospects the owner has met, with the date and whether they became clients.
    met: dict[int, tuple[datetime, bool]]


def write_referrals(
    plan: Plan,
    sketches: Mapping[int, Sketch],
    ids: ActivityIds,
    rng: random.Random,
    now: datetime,
) -> ReferralBook:
    """Every planned referral with its steps, chain, ledger entry and the owner's touches."""
    book = ReferralBook(
        {t: [] for t in ("referral", "referral_step", "referral_via", "ledger_entry")},
        touches=[],
        won=0,
        met={},
    )
    for k, referral in enumerate(plan.referrals):
        path = _path(referral, rng)
        times = _times(path, rng, now)
        rid = ids.referral + k
        priced = ReferralStatus.PROPOSAL in path or referral.status == ReferralStatus.LOST
        value = Decimal(rng.randrange(60, 480) * 100) if priced else None
        book.rows["referral"].append(_referral(referral, rid, value, times, ids, rng))
        _steps(book, referral, rid, value, list(zip(path, times, strict=True)), ids, rng)
        book.rows["referral_via"].extend(
            {
                "referral_id": rid,
                "position": n,
                "person_id": ids.person + v,
                "workspace_id": ids.workspace,
            }
            for n, v in enumerate(referral.via)
        )
        book.rows["ledger_entry"].append(_ledger(referral, rid, times[0], sketches, ids))
        if ReferralStatus.MET in path:
            won = referral.status == ReferralStatus.WON
            book.met[referral.prospect] = (times[path.index(ReferralStatus.MET)], won)
        if referral.status == ReferralStatus.WON:
            book.won += 1
    return book


def _path(referral: ReferralPlan, rng: random.Random) -> list[ReferralStatus]:
    """Lost deals drop out after contact, a meeting or a proposal."""
    if referral.status == ReferralStatus.LOST:
        return [*PIPELINE[: rng.randint(2, 4)], ReferralStatus.LOST]
    return list(PIPELINE[: PIPELINE.index(referral.status) + 1])


def _times(path: list[ReferralStatus], rng: random.Random, now: datetime) -> list[datetime]:
    gaps = [timedelta(days=rng.randint(2, 21), hours=rng.randint(0, 8)) for _ in path[1:]]
    span = sum(gaps, timedelta())
    window = 60 if not path[-1].is_closed else max(2, 700 - span.days)
    last = now - timedelta(days=rng.randint(1, window), hours=rng.randint(1, 10))
    times = [last - span]
    for gap in gaps:
        times.append(times[-1] + gap)
    return times


def _referral(
    referral: ReferralPlan,
    rid: int,
    value: Decimal | None,
    times: list[datetime],
    ids: ActivityIds,
    rng: random.Random,
) -> Row:
    return {
        "id": rid,
        "workspace_id": ids.workspace,
        "referrer_id": ids.person + referral.referrer,
        "prospect_id": ids.person + referral.prospect,
        "receiver_id": ids.owner,
        "status": referral.status,
        "value": value,
        "currency": "USD",
        "note": REFERRAL_NOTES[rng.randrange(len(REFERRAL_NOTES))],
        "received_on": times[0].date(),
        "created_at": times[0],
        "updated_at": times[-1],
    }


def _steps(
    book: ReferralBook,
    referral: ReferralPlan,
    rid: int,
    value: Decimal | None,
    steps: list[tuple[ReferralStatus, datetime]],
    ids: ActivityIds,
    rng: random.Random,
) -> None:
    """The price is known from the proposal on; the referrer sometimes joins the first meeting."""
    for status, at in steps:
        priced = status in (ReferralStatus.PROPOSAL, ReferralStatus.WON)
        book.rows["referral_step"].append(
            {
                "workspace_id": ids.workspace,
                "referral_id": rid,
                "status": status,
                "at": at,
                "value": value if priced else None,
            }
        )
        if status in TOUCHES:
            joins = status == ReferralStatus.MET and rng.random() < 0.3
            referrer = referral.referrer if joins else None
            book.touches.append(Touch(referral.prospect, referrer, TOUCHES[status], at))


def _ledger(
    referral: ReferralPlan,
    rid: int,
    at: datetime,
    sketches: Mapping[int, Sketch],
    ids: ActivityIds,
) -> Row:
    """A received referral is also a gift from the referrer in the give-first ledger."""
    prospect = sketches.get(referral.prospect)
    return {
        "workspace_id": ids.workspace,
        "giver_id": ids.person + referral.referrer,
        "receiver_id": ids.owner,
        "kind": LedgerKind.REFERRAL,
        "value": None,
        "currency": None,
        "occurred_on": at.astimezone(UTC).date(),
        "note": f"Referred {prospect.name}." if prospect else None,
        "referral_id": rid,
    }
