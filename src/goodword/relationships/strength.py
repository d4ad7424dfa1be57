"""How strong a tie is, from what was stated and what happened: pure, vectorised, explainable.

Every contact between the two people of a tie is evidence weighted by its channel (a coffee
says more than a message) and by its age (half the weight fades every `half_life_days`); a
small lasting share never fades, so a long history still adds up. Reciprocity discounts the
part of that volume only one side ever initiated; an unknown initiator is neutral. The evidence
is the freshest contact, weighed by its channel, times what the volume adds: frequency with
diminishing returns that never saturate. So a tie gone quiet fades whatever its past, and among
live ties the one with more contact is stronger. A stated or imported strength is the starting
point this evidence raises, and it fades when nothing refreshes it; an explicit strength the
user set wins outright; a known `since` date adds a modest bonus.

Why duration counts from `since` and not from the first contact: a bonus growing with the age of
the first contact would let moving that contact later (fresher evidence) lower a tie's strength.
The lasting share of every contact carries a long history instead.

The same two steps serve one tie (`explain_tie`) and millions (`aggregate` then `strengths`):
aggregates are sums and maxima referenced to an as-of day, so they can be cached and rescaled to
any later day without reading contacts again. bench/strength_eval.py checks the defaults
against real message data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray

from goodword.relationships.strength_text import tie_reason

F64 = NDArray[np.float64]

CO_ATTENDANCE = "co-attendance"
CHANNEL_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "meeting": 1.0,
        "coffee": 1.0,
        "brief": 1.0,
        "video": 0.75,
        "call": 0.75,
        "event": 0.5,
        "email": 0.3,
        "message": 0.2,
        # Both were at the same event: a hint that they met, not a conversation.
        CO_ATTENDANCE: 0.1,
    }
)

# Without a stated strength or any contact, a tie is only as good as where it came from.
_BASE_BY_SOURCE: Mapping[str, float] = MappingProxyType(
    {"stated": 0.5, "imported": 0.3, "inferred": 0.2}
)
UNKNOWN, FIRST, SECOND = 0, 1, 2
_SECONDS_PER_DAY = 86_400.0
_EPOCH = date(1970, 1, 1)


def base_for_source(source: str) -> float:
    """An unknown source counts as the weakest, inferred."""
    return _BASE_BY_SOURCE.get(source, _BASE_BY_SOURCE["inferred"])


@dataclass(frozen=True)
class StrengthParams:
    """Every knob of the model; the defaults are the product's, not tuned to one dataset."""

    half_life_days: float = 120.0
    # Share of a contact's weight that never fades: years of history still count for something.
    lasting_share: float = 0.05
    # Credit for evidence only one side initiated, relative to balanced or unknown initiation:
    # reaching out unanswered still says something.
    one_sided_credit: float = 0.75
    # Weighted, decayed contact volume at which frequency is one half: three coffees' worth.
    # Five recent coffees make 0.6, ten 0.77, twenty 0.87: it keeps growing, ever more slowly.
    half_volume: float = 3.0
    # The freshest contact alone earns this share of the evidence, frequency the rest: one cup
    # of coffee is never enough (bench/RESULTS-strength.md weighs this against recency).
    contact_share: float = 0.2
    prior_half_life_days: float = 365.0
    duration_half_life_days: float = 365.0
    duration_bonus: float = 0.1


@dataclass(frozen=True)
class Contacts:
    """Columnar: one row per contact between the two people of a tie."""

    pair: NDArray[np.int64]
    day: F64
    weight: F64
    initiator: NDArray[np.int8]


@dataclass(frozen=True)
class TieFacts:
    """One row per tie; `prior_day` is when the prior was recorded (NaN: it never fades)."""

    prior: F64
    explicit: NDArray[np.bool_]
    base: F64
    since_day: F64
    prior_day: F64 | None = None


@dataclass(frozen=True)
class TieAggregates:
    """Per-tie sums over contacts up to `as_of_day`; columns indexed by initiator side
    (0 unknown, 1 first, 2 second). `recent` is decayed to `as_of_day`, `weight` is not."""

    as_of_day: float
    half_life_days: float
    count: NDArray[np.int64]  # (n, 3)
    weight: F64  # (n, 3)
    recent: F64  # (n, 3)
    first_day: F64
    last_day: F64
    peak: F64  # the freshest contact: max of channel weight × decay to `as_of_day`


@dataclass(frozen=True)
class TieStrengths:
    """`prior` is where evidence starts from: the faded prior or the base, with the duration
    bonus; `evidence` what the contacts add to it."""

    value: F64
    recency: F64
    frequency: F64
    channel: F64
    reciprocity: F64
    evidence: F64
    duration: F64
    prior: F64
    explicit: NDArray[np.bool_] = field(repr=False)

    def components(self, i: int) -> dict[str, float]:
        """The parts of tie `i`'s strength, each 0–1, by name."""
        return {name: float(getattr(self, name)[i]) for name in _COMPONENTS}


_COMPONENTS = tuple(f.name for f in fields(TieStrengths) if f.name not in {"value", "explicit"})


def aggregate(
    contacts: Contacts, n_ties: int, *, as_of_day: float, params: StrengthParams
) -> TieAggregates:
    """Sums per tie, ignoring contacts after `as_of_day`: np.bincount, no loop over rows.

    Raises: ValueError when a contact names a tie outside 0..n_ties-1 or an unknown side.
    """
    cell, tie = _cells(contacts, n_ties, as_of_day)
    day = np.asarray(contacts.day, dtype=np.float64)
    decay = day - as_of_day
    np.minimum(decay, 0.0, out=decay)
    decay *= 1.0 / params.half_life_days
    np.exp2(decay, out=decay)
    decay *= contacts.weight
    size = 3 * n_ties + 1

    def by_cell(values: F64) -> F64:
        sums = np.bincount(cell, weights=values, minlength=size)  # float64 when weighted
        return sums[:-1].reshape(n_ties, 3).astype(np.float64, copy=False)

    first = np.full(n_ties + 1, np.inf)
    last = np.full(n_ties + 1, -np.inf)
    peak = np.zeros(n_ties + 1)
    np.minimum.at(first, tie, day)
    np.maximum.at(last, tie, day)
    np.maximum.at(peak, tie, decay)
    return TieAggregates(
        as_of_day=as_of_day,
        half_life_days=params.half_life_days,
        count=np.bincount(cell, minlength=size)[:-1].reshape(n_ties, 3).astype(np.int64),
        weight=by_cell(np.asarray(contacts.weight, dtype=np.float64)),
        recent=by_cell(decay),
        first_day=np.where(np.isfinite(first[:-1]), first[:-1], np.nan),
        last_day=np.where(np.isfinite(last[:-1]), last[:-1], np.nan),
        peak=peak[:-1],
    )


def _cells(
    contacts: Contacts, n_ties: int, as_of_day: float
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(tie × 3 + side, tie) of each contact; contacts after `as_of_day` go to one extra bin
    that is dropped, which is cheaper than copying every column without them."""
    pair = np.asarray(contacts.pair, dtype=np.int64)
    side = np.asarray(contacts.initiator, dtype=np.int8)
    if pair.size and (pair.min() < 0 or pair.max() >= n_ties):
        raise ValueError(f"contact tie index outside 0..{n_ties - 1}")
    if side.size and (side.min() < UNKNOWN or side.max() > SECOND):
        raise ValueError("contact initiator outside 0 (unknown), 1 (first), 2 (second)")
    cell = pair * 3
    cell += side
    later = np.asarray(contacts.day) > as_of_day
    if not later.any():
        return cell, pair
    cell[later] = 3 * n_ties
    return cell, np.where(later, n_ties, pair)


def _faded(days: F64, half_life: float) -> F64:
    """1 for today, one half after `half_life` days; 0 where the day is unknown."""
    return np.where(np.isnan(days), 0.0, np.exp2(-np.maximum(days, 0.0) / half_life))


def _evidence(agg: TieAggregates, now_day: float, params: StrengthParams) -> dict[str, F64]:
    """Recency, frequency, channel and reciprocity from the contacts, and the evidence score."""
    rescale = np.exp2(-(now_day - agg.as_of_day) / params.half_life_days)
    lasting = params.lasting_share
    trace = lasting * agg.weight + (1.0 - lasting) * (agg.recent * rescale)
    unknown, one, two = trace[:, 0], trace[:, 1], trace[:, 2]
    # Balanced and unknown initiation count in full, the one-sided excess only in part; the
    # sum of monotone terms keeps "more contact never lowers strength" exact in floating point.
    credit = params.one_sided_credit
    volume = unknown + credit * np.maximum(one, two) + (2.0 - credit) * np.minimum(one, two)
    total = trace.sum(axis=1)
    count = agg.count.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        # The mean channel weight of all contacts: explains the mix, the volume already has it.
        channel = np.where(count > 0, agg.weight.sum(axis=1) / count, 0.0)
        reciprocity = np.where(total > 0, volume / total, 1.0)
    frequency = volume / (volume + params.half_volume)
    # Recency is the freshest contact weighed by its channel: a coffee yesterday says more
    # than a shared event yesterday. It scales everything, as it best tells whether two people
    # are still in touch; frequency then tells a run of coffees from a single one.
    recency = agg.peak * rescale
    share = params.contact_share
    evidence = recency * (share + (1.0 - share) * frequency)
    return {
        "recency": recency,
        "frequency": frequency,
        "channel": channel,
        "reciprocity": reciprocity,
        "evidence": evidence,
    }


def strengths(
    aggregates: TieAggregates, facts: TieFacts, *, now_day: float, params: StrengthParams
) -> TieStrengths:
    """Strength of every tie on `now_day` (≥ the aggregates' as-of day), at full precision.

    Raises: ValueError for a day before the aggregates or a half-life they were not made with.
    """
    if now_day < aggregates.as_of_day:
        raise ValueError("strengths cannot be computed for a day before their aggregates")
    if aggregates.half_life_days != params.half_life_days:
        raise ValueError("aggregates were made with another half-life")
    parts = _evidence(aggregates, now_day, params)
    prior = np.asarray(facts.prior, dtype=np.float64)
    base = np.asarray(facts.base, dtype=np.float64)
    stated_day = facts.prior_day if facts.prior_day is not None else np.full_like(prior, np.nan)
    # Contact refreshes what was stated; without it a strong prior fades toward the base. A
    # prior of unknown age never fades: there is no day to fade from.
    anchor = np.fmax(stated_day, aggregates.last_day)
    # Counted in whole days, so what was stated today is worth exactly what was stated.
    fade = _faded(np.floor(now_day - anchor), params.prior_half_life_days)
    fade = np.where(np.isnan(stated_day), 1.0, fade)
    floor = np.fmin(prior, base)
    # A tie stated without a strength is worth its source's base when recorded; untouched
    # for years it is no better than one goodword guessed.
    least = base_for_source("inferred")
    faded_base = np.fmin(base, least) + np.fmax(base - least, 0.0) * fade
    start = np.where(np.isnan(prior), faded_base, floor + (prior - floor) * fade)
    duration = 1.0 - _faded(now_day - facts.since_day, params.duration_half_life_days)
    duration = np.where(np.isnan(facts.since_day), 0.0, duration)
    start = start + (1.0 - start) * params.duration_bonus * duration
    value = start + (1.0 - start) * parts["evidence"]
    explicit = np.asarray(facts.explicit, dtype=np.bool_) & ~np.isnan(prior)
    value = np.clip(np.where(explicit, prior, value), 0.0, 1.0)
    return TieStrengths(value=value, duration=duration, prior=start, explicit=explicit, **parts)


def to_day(moment: datetime | date) -> float:
    """Days since 1970-01-01 UTC, fractional; a naive datetime is taken as UTC."""
    if isinstance(moment, datetime):
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return aware.timestamp() / _SECONDS_PER_DAY
    return float((moment - _EPOCH).days)


@dataclass(frozen=True)
class Contact:
    at: datetime
    kind: str
    initiated_by_first: bool | None


@dataclass(frozen=True)
class TieStrength:
    value: float
    components: dict[str, float]
    reason: str


@dataclass(frozen=True)
class TieEvidence:
    """What one tie's strength is explained from: its contacts and what was stated of it."""

    contacts: Sequence[Contact]
    prior: float | None
    explicit: bool
    source: str
    since: date | None
    second_name: str
    prior_at: datetime | None = None


def explain_tie(
    contacts: Sequence[Contact],
    *,
    prior: float | None,
    explicit: bool,
    source: str,
    since: date | None,
    now: datetime,
    first_name: str,
    second_name: str,
    params: StrengthParams = StrengthParams(),
    prior_at: datetime | None = None,
) -> TieStrength:
    """One tie's strength through the vectorised path, so both always agree, with its reason."""
    del first_name  # the reason speaks of the other person alone
    tie = TieEvidence(contacts, prior, explicit, source, since, second_name, prior_at)
    return explain_ties([tie], now=now, params=params)[0]


def explain_ties(
    ties: Sequence[TieEvidence], *, now: datetime, params: StrengthParams = StrengthParams()
) -> list[TieStrength]:
    """Each tie's strength with its reason, all in one vectorised pass: a person's page
    explains every tie they have, and one pass per tie cost more than the page."""
    sides = {None: UNKNOWN, True: FIRST, False: SECOND}
    now_day = to_day(now)
    days = [[to_day(c.at) for c in tie.contacts] for tie in ties]
    every = [c for tie in ties for c in tie.contacts]
    one = Contacts(
        pair=np.repeat(np.arange(len(ties), dtype=np.int64), [len(t.contacts) for t in ties]),
        day=np.array([d for tie_days in days for d in tie_days], dtype=np.float64),
        weight=np.array([CHANNEL_WEIGHTS[c.kind] for c in every], dtype=np.float64),
        initiator=np.array([sides[c.initiated_by_first] for c in every], dtype=np.int8),
    )

    def day_or_nan(moment: datetime | date | None) -> float:
        return np.nan if moment is None else to_day(moment)

    facts = TieFacts(
        prior=np.array([np.nan if t.prior is None else t.prior for t in ties], dtype=np.float64),
        explicit=np.array([t.explicit for t in ties], dtype=np.bool_),
        base=np.array([base_for_source(t.source) for t in ties], dtype=np.float64),
        since_day=np.array([day_or_nan(t.since) for t in ties], dtype=np.float64),
        prior_day=np.array([day_or_nan(t.prior_at) for t in ties], dtype=np.float64),
    )
    agg = aggregate(one, len(ties), as_of_day=now_day, params=params)
    result = strengths(agg, facts, now_day=now_day, params=params)
    explained = []
    for i, (tie, tie_days) in enumerate(zip(ties, days, strict=True)):
        dated = zip(tie.contacts, tie_days, strict=True)
        seen = [(c.kind, now_day - d) for c, d in dated if d <= now_day]
        reason = tie_reason(
            seen,
            by_first=int(agg.count[i, FIRST]),
            by_second=int(agg.count[i, SECOND]),
            prior=tie.prior,
            explicit=bool(result.explicit[i]),
            source=tie.source,
            since=tie.since,
            other_name=tie.second_name,
        )
        explained.append(TieStrength(float(result.value[i]), result.components(i), reason))
    return explained
