"""Finding people recorded twice, with why they look alike and how sure that is."""

from __future__ import annotations

from itertools import combinations

from pydantic import BaseModel
from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from goodword.io.apply import load_index
from goodword.io.matching import SAME_ORG, SAME_ORG_NAME_SCORE, namesake_reason
from goodword.people.models import Person
from goodword.people.queries import summaries_by_id
from goodword.people.schemas import PersonSummary
from goodword.people.service import get_owner
from goodword.profiles.merge import merge_people

# Only a pair this sure is merged by `dedupe --apply`: same name at the same organisation.
SURE_SCORE = 100.0
# Larger groups of namesakes (a common name in a million people) are not worth listing pairwise.
MAX_GROUP = 20


class DuplicatePair(BaseModel):
    keep: PersonSummary
    other: PersonSummary
    score: float
    reason: str

    @property
    def sure(self) -> bool:
        return self.score >= SURE_SCORE


def find_duplicates(session: Session) -> list[DuplicatePair]:
    """Likely duplicates: namesakes, and near-identical names at one organisation."""
    index = load_index(session)
    owner = get_owner(session).id
    found: dict[tuple[int, int], tuple[float, str]] = {}
    for pids in index.by_name.values():
        group = [p for p in pids if p != owner]
        if len(group) < 2 or len(group) > MAX_GROUP:
            continue
        for a, b in combinations(sorted(group), 2):
            if reason := namesake_reason(index.org_of.get(a), index.org_of.get(b)):
                found[(a, b)] = (SURE_SCORE if reason == SAME_ORG else 90.0, reason)
    for colleagues in index.by_org.values():  # blocks of one organisation and initial
        if len(colleagues) > 500:
            continue
        for (a, name_a), (b, name_b) in combinations(sorted(colleagues.items()), 2):
            score = fuzz.ratio(name_a, name_b)
            if SAME_ORG_NAME_SCORE <= score < 100 and (a, b) not in found:
                found[(a, b)] = (round(score, 1), "similar name at the same organisation")
    people = summaries_by_id(session, {pid for pair in found for pid in pair})
    pairs = [
        DuplicatePair(keep=people[a], other=people[b], score=score, reason=reason)
        for (a, b), (score, reason) in found.items()
    ]
    return sorted(pairs, key=lambda p: (-p.score, p.keep.name, p.keep.id, p.other.id))


def merge_sure_duplicates(session: Session, pairs: list[DuplicatePair]) -> list[DuplicatePair]:
    """Merges each sure pair (the lower id is kept); returns those merged."""
    merged: list[DuplicatePair] = []
    gone: set[int] = set()
    for pair in pairs:
        if not pair.sure or pair.keep.id in gone or pair.other.id in gone:
            continue
        merge_people(
            session,
            keep=session.get_one(Person, pair.keep.id),
            other=session.get_one(Person, pair.other.id),
        )
        gone.add(pair.other.id)
        merged.append(pair)
    return merged
