"""Which ties what happened implies: pure, so every writer of evidence shares one rule.

Meeting someone, logging a touch with them, passing on or receiving a referral and giving or
getting help are evidence that two people know each other. The pairs are named here, once:
the profile services (`log`, `met`, `referral add`, `give`, `got`), the mail and calendar
importers and the demo generator all ask these functions, and only write what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations, pairwise
from typing import TypeVar

# In bigger groups (all-hands, webinars) people share a room without knowing each other.
GROUP_LIMIT = 8

Key = TypeVar("Key", int, str)  # a person id, or an importer's key for a person in a file


def pair(a: Key, b: Key) -> tuple[Key, Key]:
    """The pair lower first, as the tie table stores it."""
    return (a, b) if a < b else (b, a)


def met_together(
    people: Iterable[Key], *, limit: int = GROUP_LIMIT, host: Key | None = None
) -> list[tuple[Key, Key]]:
    """Everyone in a group of at most `limit` knows everyone else; in a bigger group only
    the `host` (the owner who logged it, and so surely met each of them) knows each one."""
    unique = sorted(set(people))
    if len(unique) <= limit:
        return list(combinations(unique, 2))
    if host is None or host not in unique:
        return []
    return [pair(host, other) for other in unique if other != host]


def chain(people: Sequence[int]) -> list[tuple[int, int]]:
    """Each link of an introduction chain knows the next, not necessarily any further one."""
    return [pair(a, b) for a, b in pairwise(people) if a != b]


def referral_pairs(
    *, referrer: int, receiver: int, prospect: int, via: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """The referrer knows who they referred to; the prospect reached the referrer along the
    chain `referrer ← via[0] ← … ← prospect`, so with introducers in between the referrer is
    not taken to know the prospect, only each link its neighbour."""
    pairs = [pair(referrer, receiver), *chain([referrer, *via, prospect])]
    return list(dict.fromkeys(pairs))
