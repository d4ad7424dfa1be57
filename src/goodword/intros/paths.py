"""Turning a path of people into the sentence a user reads. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from goodword.people.schemas import PersonSummary


def closeness(strength: float) -> str:
    """How well two people know each other, in words."""
    if strength >= 0.6:
        return "well"
    if strength >= 0.3:
        return "fairly well"
    return "slightly"


def hop_sentence(
    a: PersonSummary,
    b: PersonSummary,
    *,
    strength: float,
    label: str | None,
) -> str:
    """One hop: "You know Ann well (colleague)", "Ann and Bob are colleagues at Acme"."""
    first = "You know" if a.is_me else f"{a.name} knows"
    if label == "colleague" and a.org and a.org == b.org and not a.is_me:
        return f"{a.name} and {b.name} are colleagues at {a.org}"
    whose = "your" if a.is_me else f"{a.name}'s"
    tail = f" ({b.name} is {whose} {label})" if label else ""
    return f"{first} {b.name} {closeness(strength)}{tail}"


def path_reason(
    people: Sequence[PersonSummary],
    strengths: Sequence[float],
    labels: Mapping[tuple[int, int], str],
    evidence: Mapping[tuple[int, int], str] | None = None,
) -> str:
    """The hops of a path joined: "You know Ann well — 5 coffees…; Ann knows Bob fairly well"."""
    parts = []
    for a, b, s in zip(people, people[1:], strengths, strict=False):
        sentence = hop_sentence(a, b, strength=s, label=labels.get((a.id, b.id)))
        why = (evidence or {}).get((a.id, b.id))
        parts.append(f"{sentence} — {why}" if why else sentence)
    return "; ".join(parts)
