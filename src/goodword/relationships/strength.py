"""How strong a tie is, from what was stated and what happened: pure, explainable."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

# Without a stated strength or any interaction, a tie is only as good as where it came from.
_BASE_BY_SOURCE = {"stated": 0.5, "imported": 0.3, "inferred": 0.2}
# Half the weight of contact fades after about four months without any.
RECENCY_HALF_LIFE_DAYS = 120.0


@dataclass(frozen=True)
class TieEvidence:
    source: str
    stated: float | None
    interactions: int
    last_at: datetime | None


def tie_strength(evidence: TieEvidence, *, now: datetime) -> tuple[float, str]:
    """(strength 0–1, a short reason). A stated strength is what the user knows; it wins."""
    parts = []
    if evidence.stated is not None:
        strength = evidence.stated
        parts.append(f"stated {evidence.stated:.2f}")
    else:
        base = _BASE_BY_SOURCE.get(evidence.source, 0.2)
        strength = base
        parts.append(evidence.source)
        if evidence.interactions and evidence.last_at is not None:
            days = max((now - evidence.last_at).total_seconds() / 86400, 0.0)
            frequency = 1 - math.exp(-evidence.interactions / 5)
            recency = 0.5 ** (days / RECENCY_HALF_LIFE_DAYS)
            strength = base + (1 - base) * frequency * (0.3 + 0.7 * recency)
    if evidence.interactions and evidence.last_at is not None:
        parts.append(
            f"{evidence.interactions} interaction{'s' if evidence.interactions != 1 else ''}, "
            f"last {evidence.last_at.date().isoformat()}"
        )
    return round(min(max(strength, 0.0), 1.0), 3), "; ".join(parts)
