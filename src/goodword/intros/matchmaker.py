"""Introductions the owner can make between two of their contacts: pure, over plain contacts.

Three rules find a pair, each worth points that add up to its score:

- a need met (1.0 per topic): one is tagged `needs:X`, the other `offers:X`;
- a client found (0.8 per topic): one seeks X (`seeks:X`, their own ideal clients) and the
  other is X — their industry, title or a plain tag is X;
- partners for the same clients (0.5, +0.1 for each further client group shared up to +0.2,
  and +0.1 in the same city): both seek the same clients (`seeks:X` on both), or both have
  clients in the same industry (from their `client` ties), while their own industries
  differ, so each can refer the other without competing for the work.

Two competitors are never paired, however well they match: same industry and the same
offering (a shared `offers:` tag, or neither says what they offer). Topics are compared
case- and accent-insensitively, with a plural `s` ignored ("seeks:Architects" finds an
architect).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from goodword.text import fold

NEED_MET = 1.0
CLIENT_FOUND = 0.8
SAME_CLIENTS = 0.5
MORE_CLIENTS = 0.1  # each further client group two partners share …
MORE_CLIENTS_MAX = 2  # … counted up to this many, so shared markets never outweigh a need met
SAME_CITY = 0.1
# A topic shared by more contacts than this is too broad to pair them all with one another
# ("seeks:smes"): the pairs it would add say little and grow with the square of the group.
WIDEST_GROUP = 200

PREFIXES = ("needs:", "offers:", "seeks:")


@lru_cache(maxsize=1 << 16)  # the same few industries and topics, compared many times
def topic(text: str) -> str:
    """The comparison key of a topic, industry, title or tag."""
    key = " ".join(fold(text).replace("-", " ").replace("_", " ").split())
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


@dataclass(frozen=True)
class Contact:
    """One contact, as typed: tags are the person's tags, `needs:` and the like included."""

    id: int
    name: str
    industry: str | None = None
    title: str | None = None
    city: str | None = None
    tags: tuple[str, ...] = ()
    client_industries: tuple[str, ...] = ()  # of the people who are their clients

    def tagged(self, prefix: str) -> dict[str, str]:
        """Topic key → the topic as typed, of the tags with `prefix`."""
        found: dict[str, str] = {}
        for tag in self.tags:
            if tag.lower().startswith(prefix) and (value := tag[len(prefix) :].strip()):
                found.setdefault(topic(value), value)
        return found

    def identities(self) -> dict[str, str]:
        """What this contact *is*: industry, title and plain tags, key → as typed."""
        plain = [t for t in self.tags if not t.lower().startswith(PREFIXES)]
        return {topic(v): v for v in (self.industry, self.title, *plain) if v and topic(v)}


@dataclass(frozen=True)
class Suggestion:
    """`a` < `b` (contact ids); `reasons` each name the tags or industries that matched."""

    a: int
    b: int
    score: float
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass
class _Pair:
    points: float = 0.0
    reasons: list[str] = field(default_factory=list)


def competitors(x: Contact, y: Contact) -> bool:
    """Same industry and the same offering: introducing them would set them against each other."""
    if not (x.industry and y.industry) or topic(x.industry) != topic(y.industry):
        return False
    offers_x, offers_y = x.tagged("offers:"), y.tagged("offers:")
    return bool(offers_x.keys() & offers_y.keys()) or not (offers_x or offers_y)


def suggest(
    contacts: Sequence[Contact], *, tied: Callable[[int, int], bool], top: int | None = None
) -> list[Suggestion]:
    """The best introductions among `contacts`, best first (ties broken by ids).

    Contacts come closest first: where a topic is shared by more than `WIDEST_GROUP` of them,
    only the first are paired. `tied(a, b)` says whether two contacts already know each
    other: they are never suggested.
    """
    by_id = {c.id: c for c in contacts}
    pairs: dict[tuple[int, int], _Pair] = defaultdict(_Pair)
    for (x, y), points, reason in _matches(contacts):
        if x.id != y.id:
            pair = pairs[(min(x.id, y.id), max(x.id, y.id))]
            pair.points += points
            pair.reasons.append(reason)
    found = (
        Suggestion(a=a, b=b, score=round(p.points, 6), reasons=tuple(p.reasons))
        for (a, b), p in pairs.items()
        if not tied(a, b) and not competitors(by_id[a], by_id[b])
    )
    if top is None:
        return sorted(found, key=_rank)
    return heapq.nsmallest(top, found, key=_rank)


def _rank(s: Suggestion) -> tuple[float, int, int]:
    return (-s.score, s.a, s.b)


_Match = tuple[tuple[Contact, Contact], float, str]


def _matches(contacts: Sequence[Contact]) -> Iterator[_Match]:
    yield from _needs_met(contacts)
    yield from _clients_found(contacts)
    yield from _same_clients(contacts)


def _index(contacts: Iterable[Contact], prefix: str) -> dict[str, list[tuple[Contact, str]]]:
    index: dict[str, list[tuple[Contact, str]]] = defaultdict(list)
    for c in contacts:
        for key, typed in c.tagged(prefix).items():
            index[key].append((c, typed))
    return index


def _needs_met(contacts: Sequence[Contact]) -> Iterator[_Match]:
    offers = _index(contacts, "offers:")
    for key, needing in _index(contacts, "needs:").items():
        for (x, typed), (y, _) in _product(needing, offers.get(key, [])):
            yield (x, y), NEED_MET, f"{x.name} needs {typed}; {y.name} offers it"


def _clients_found(contacts: Sequence[Contact]) -> Iterator[_Match]:
    being: dict[str, list[tuple[Contact, str]]] = defaultdict(list)
    for c in contacts:
        for key, typed in c.identities().items():
            being[key].append((c, typed))
    for key, seeking in _index(contacts, "seeks:").items():
        for (x, typed), (y, what) in _product(seeking, being.get(key, [])):
            yield (x, y), CLIENT_FOUND, f"{x.name} seeks {typed}; {y.name} is one ({what})"


def _same_clients(contacts: Sequence[Contact]) -> Iterator[_Match]:
    serving: dict[str, list[tuple[Contact, str]]] = defaultdict(list)
    for c in contacts:
        for key, typed in {topic(i): i for i in c.client_industries if topic(i)}.items():
            serving[key].append((c, typed))
    shared: dict[tuple[int, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    people: dict[tuple[int, int], tuple[Contact, Contact]] = {}
    for how, index in (("seek", _index(contacts, "seeks:")), ("have clients in", serving)):
        for group in index.values():
            for (x, typed), (y, _) in combinations(group[:WIDEST_GROUP], 2):
                if x.industry and y.industry and topic(x.industry) != topic(y.industry):
                    pair = (min(x.id, y.id), max(x.id, y.id))
                    people.setdefault(pair, (x, y))
                    shared[pair][how].append(typed)
    for pair, topics in shared.items():
        x, y = people[pair]
        city = bool(x.city and y.city and topic(x.city) == topic(y.city))
        more = min(sum(map(len, topics.values())) - 1, MORE_CLIENTS_MAX)
        what = " and ".join(f"{how} {_listed(sorted(t))}" for how, t in topics.items())
        yield (
            (x, y),
            SAME_CLIENTS + MORE_CLIENTS * more + (SAME_CITY if city else 0.0),
            f"{x.name} ({x.industry}) and {y.name} ({y.industry}) both {what}"
            f"{f', both in {x.city}' if city else ''}: partners for the same clients",
        )


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _product(
    left: list[tuple[Contact, str]], right: list[tuple[Contact, str]]
) -> Iterator[tuple[tuple[Contact, str], tuple[Contact, str]]]:
    for x in left[:WIDEST_GROUP]:
        for y in right[:WIDEST_GROUP]:
            yield x, y
