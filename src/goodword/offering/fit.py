"""How well a person fits the ideal client profile: pure, explainable, one pass for everyone.

A person's fit is the weighted share of ICP criteria they meet. Values compare case- and
accent-insensitively ("Café Owner" contains "cafe"), and a country matches by name or code
("United Kingdom" is "GB"). Each field may hold several values per person (every current
title and organisation, every tag); a criterion is met when any of them matches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from goodword.text import fold

FIELDS = ("industry", "title", "org", "city", "country", "tag")


@dataclass(frozen=True)
class Criterion:
    field: str
    operator: str  # is | contains | any-of
    value: str
    weight: float = 1.0

    def describe(self) -> str:
        return f"{self.field} {self.operator} {self.value}"

    def matches(self, value: str) -> bool:
        """Whether one of a person's values meets this criterion."""
        wanted = [w for w in self._wanted() if w]
        if self.field == "country":
            return _country(value) in {_country(w) for w in wanted}
        have = fold(value).strip()
        if self.operator == "contains":
            return any(w in have for w in wanted)
        return have in wanted

    def _wanted(self) -> list[str]:
        if self.operator == "any-of":
            return [fold(part).strip() for part in self.value.split(",")]
        return [fold(self.value).strip()]


@dataclass(frozen=True)
class FieldValues:
    """One row per (person, value) of a field: row i says that person `node[i]` has the value
    `values[code[i]]`. A value many people share (a title, an employer) is held once, so it
    is compared once however many people have it."""

    node: NDArray[np.int64]
    code: NDArray[np.int64]
    values: Sequence[str]

    @classmethod
    def of(cls, node: ArrayLike, value: Sequence[str]) -> FieldValues:
        """From one value per row; a dict finds the distinct ones (sorting a million
        strings, as np.unique does, costs seconds)."""
        index = {v: i for i, v in enumerate(dict.fromkeys(value))}
        code = np.fromiter(map(index.__getitem__, value), dtype=np.int64, count=len(value))
        return cls(node=np.asarray(node, dtype=np.int64), code=code, values=list(index))


@dataclass(frozen=True)
class Fits:
    """Every person's fit: `score[i]` in 0–1 and `matched[i, k]` for criterion k."""

    score: NDArray[np.float64]
    matched: NDArray[np.bool_]
    criteria: tuple[Criterion, ...]

    def matched_of(self, node: int) -> list[str]:
        return [
            c.describe() for c, hit in zip(self.criteria, self.matched[node], strict=True) if hit
        ]


def fit_all(criteria: Sequence[Criterion], fields: Mapping[str, FieldValues], *, n: int) -> Fits:
    """Scores `n` people at once; each distinct value is compared once, so a million people
    with a few thousand distinct titles cost a few thousand comparisons."""
    matched = np.zeros((n, len(criteria)), dtype=np.bool_)
    for k, criterion in enumerate(criteria):
        rows = fields.get(criterion.field)
        if rows is None or not len(rows.node):
            continue
        hits = np.fromiter(map(criterion.matches, rows.values), np.bool_, len(rows.values))
        matched[rows.node[hits[rows.code]], k] = True
    weights = np.array([max(c.weight, 0.0) for c in criteria], dtype=np.float64)
    total = weights.sum()
    score = matched @ weights / total if total > 0 else np.zeros(n, dtype=np.float64)
    return Fits(score=score, matched=matched, criteria=tuple(criteria))


def fit_of(criteria: Sequence[Criterion], values: Mapping[str, Sequence[str]]) -> Fits:
    """One person's fit, computed the same way as everyone's."""
    fields = {
        name: FieldValues.of(np.zeros(len(vals), dtype=np.int64), list(vals))
        for name, vals in values.items()
    }
    return fit_all(criteria, fields, n=1)


@lru_cache(maxsize=4096)
def _country(value: str) -> str:
    import pycountry

    text = value.strip()
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return fold(text)
