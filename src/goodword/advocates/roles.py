"""Connector roles: the jobs and memberships that put someone in touch with many buyers.

Pure: matched on words of a person's title, organisation, industry and tags, so "President,
Chamber of Commerce" and a tag `committee` both count.
"""

from __future__ import annotations

import re

from goodword.text import fold

# (role, words that reveal it); a word matches at a word boundary, so "bank" does not match
# "embankment" while "banker" and "banking" do.
CONNECTOR_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chamber of commerce", ("chamber",)),
    ("association", ("association", "federation", "guild", "society", "institute")),
    ("banker", ("bank", "banker", "banking", "lender", "lending")),
    ("accountant", ("accountant", "accounting", "accountancy", "cpa", "bookkeeping", "tax")),
    ("lawyer", ("lawyer", "solicitor", "attorney", "barrister", "counsel", "legal", "law firm")),
    ("consultant", ("consultant", "consulting", "advisor", "adviser", "advisory")),
    ("event organiser", ("event", "events", "organiser", "organizer", "meetup", "conference")),
    ("board or committee", ("board", "committee", "trustee", "chair", "chairman", "council")),
    ("network leader", ("networking", "bni", "rotary", "community", "ecosystem", "partnerships")),
    ("investor", ("investor", "venture", "vc", "angel", "capital")),
    ("recruiter", ("recruiter", "recruitment", "talent", "headhunter")),
)

_PATTERNS = [
    re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    for _, words in CONNECTOR_ROLES
]


def connector_bits(text: str) -> int:
    """Bit r set for each connector role r the text reveals."""
    folded = fold(text)
    return sum(1 << r for r, pattern in enumerate(_PATTERNS) if pattern.search(folded))


def connector_roles(bits: int) -> list[str]:
    return [role for r, (role, _) in enumerate(CONNECTOR_ROLES) if bits >> r & 1]
