"""Suggesting a stay-in-touch tier from the advocate score. Pure.

Tiers are layers of a few people each, as attention is: the best-scoring contacts are
suggested as inner, the next as active, then potential, each up to its size (settings) and
only from a minimum score, so a small network does not call everyone inner. The rest are
suggested `none`: no cadence, though events, thanks and follow-ups still bring them up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from goodword.people.tier import Tier

# The lowest advocate score suggested for each tier.
FLOORS: dict[Tier, float] = {Tier.INNER: 0.3, Tier.ACTIVE: 0.15, Tier.POTENTIAL: 0.05}
ORDER: tuple[Tier, ...] = (Tier.INNER, Tier.ACTIVE, Tier.POTENTIAL)
CODES: tuple[Tier, ...] = (*ORDER, Tier.NONE)  # a suggestion array holds indexes into this


@dataclass(frozen=True)
class Sizes:
    inner: int = 15
    active: int = 50
    potential: int = 150

    def of(self, tier: Tier) -> int:
        return {Tier.INNER: self.inner, Tier.ACTIVE: self.active}.get(tier, self.potential)


def suggest(scores: NDArray[np.float64], ids: NDArray[np.int64], sizes: Sizes) -> NDArray[np.int8]:
    """A code into `CODES` per contact. By rank, best score first (lower id on a tie): each
    tier takes the next contacts up to its size that reach its floor, so a strong contact
    left out of a full inner tier is suggested active, not dropped."""
    order = np.lexsort((ids, -scores))
    ranked = scores[order]
    codes = np.full(len(scores), len(ORDER), dtype=np.int8)
    start = 0
    for code, tier in enumerate(ORDER):
        reaching = int(np.count_nonzero(ranked >= FLOORS[tier]))
        end = max(start, min(start + sizes.of(tier), reaching))
        codes[order[start:end]] = code
        start = end
    return codes


def effective(set_by_you: Tier | None, suggested: Tier) -> Tier:
    return set_by_you if set_by_you is not None else suggested


def score_floor(tier: Tier) -> float:
    """The score a tier stands for, when the user chose it for someone who scores lower."""
    return FLOORS.get(tier, 0.0)
