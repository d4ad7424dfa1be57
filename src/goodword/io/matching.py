"""Recognising people already known: by handle first, then by name and organisation.

Pure: the index is filled from the database by the writer, then queried per record.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from goodword.text import clean_name, fold

# Two names at the same organisation this alike are the same person ("Jon Smith"/"John Smith").
SAME_ORG_NAME_SCORE = 90.0


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Cached: each name is keyed to match and again to index, organisations many times."""
    return fold(clean_name(name))


SAME_ORG = "same name and organisation"
SAME_NAME = "same name"


def namesake_reason(org_a: str | None, org_b: str | None) -> str | None:
    """Why two people of one name are taken to be one (their organisations, as name keys):
    the same organisation, or one of them names none; None when their organisations differ."""
    if org_a == org_b:
        return SAME_ORG if org_a else SAME_NAME
    return SAME_NAME if not (org_a and org_b) else None


@dataclass
class PeopleIndex:
    """Who is known by which handle, name and current organisation (ids may be provisional)."""

    handles: dict[tuple[str, str], int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    org_of: dict[int, str] = field(default_factory=dict)
    # Fuzzy matching compares only people at one organisation whose names share a first
    # letter: a typo rarely hits the first letter, and the blocks stay small at any size.
    by_org: dict[tuple[str, str], dict[int, str]] = field(default_factory=lambda: defaultdict(dict))

    def add_person(self, pid: int, name: str, org: str | None) -> None:
        key = name_key(name)
        self.by_name[key].append(pid)
        if org:
            org_key = name_key(org)
            self.org_of[pid] = org_key
            self.by_org[(org_key, key[:1])][pid] = key

    def match(
        self, handles: list[tuple[str, str]], name: str, org: str | None
    ) -> tuple[int | None, str]:
        """(person id, how) for the best match, or (None, "") when the person is new."""
        for handle in handles:
            if (pid := self.handles.get(handle)) is not None:
                return pid, f"same {handle[0]}"
        key = name_key(name)
        org_key = name_key(org) if org else None
        namesakes = self.by_name.get(key, [])
        for pid in namesakes:
            if self.org_of.get(pid) == org_key:
                return pid, SAME_ORG if org_key else SAME_NAME
        # One namesake where one side names no organisation: the same person, less described.
        if len(namesakes) == 1:
            (pid,) = namesakes
            if reason := namesake_reason(org_key, self.org_of.get(pid)):
                return pid, reason
        if org_key and (colleagues := self.by_org.get((org_key, key[:1]))):
            found = process.extractOne(
                key, colleagues, scorer=fuzz.ratio, score_cutoff=SAME_ORG_NAME_SCORE
            )
            if found is not None:
                return found[2], "similar name at the same organisation"
        return None, ""
