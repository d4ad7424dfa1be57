"""Rich output of the advocate layer: rankings, prospects, paths, who-knows, and the scores
section of `person show`. Each row shows its reasons, because users act on reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from goodword.cli.render import out, table

if TYPE_CHECKING:
    from goodword.advocates.schemas import AdvocateRow, PersonScores
    from goodword.intros.schemas import IntroSuggestion, PathView, ProspectRow, WhoKnowsRow


def advocates(rows: Sequence[AdvocateRow]) -> None:
    table(
        f"Advocates ({len(rows)})",
        ["score", "person", "roles", "strength", "reach", "why"],
        (
            (
                f"{r.score:.2f}",
                f"{r.person.name} (#{r.person.id})",
                ", ".join(r.roles),
                f"{r.components['strength_to_me']:.2f}",
                f"{r.components['reach']:.2f}",
                "; ".join(r.reasons[:3]),
            )
            for r in rows
        ),
    )


def prospects(rows: Sequence[ProspectRow]) -> None:
    table(
        f"Prospects ({len(rows)})",
        ["fit", "person", "matched", "ask", "path", "why"],
        (
            (
                f"{r.fit:.2f}",
                f"{r.person.name} (#{r.person.id})",
                ", ".join(r.matched),
                r.best_path.ask.name if r.best_path else "",
                f"{r.best_path.strength:.2f}" if r.best_path else "none",
                r.reasons[-1],
            )
            for r in rows
        ),
    )


def paths(rows: Sequence[PathView]) -> None:
    table(
        f"Paths ({len(rows)})",
        ["strength", "to", "ask", "via", "hops", "why"],
        (
            (
                f"{p.strength:.2f}",
                f"{p.target.name} (#{p.target.id})",
                p.ask.name,
                " → ".join(v.name for v in p.via),
                p.hops,
                p.reason,
            )
            for p in rows
        ),
    )


def who_knows(rows: Sequence[WhoKnowsRow]) -> None:
    table(
        f"Who knows ({len(rows)})",
        ["strength", "ask", "can reach", "why"],
        (
            (
                f"{r.strength:.2f}",
                f"{r.person.name} (#{r.person.id})",
                ", ".join(k.target.name for k in r.knows),
                r.reason,
            )
            for r in rows
        ),
    )


def scores(found: PersonScores) -> None:
    facts = {
        "strength to you": None if found.strength_to_me is None else f"{found.strength_to_me:.2f}",
        "fit": f"{found.fit:.2f}" + (f" ({', '.join(found.matched)})" if found.matched else ""),
        "advocate score": None if found.advocate_score is None else f"{found.advocate_score:.2f}",
        "roles": ", ".join(found.roles),
    }
    for key, value in facts.items():
        if value:
            out.print(f"  {key}: {value}", markup=False)
    for reason in found.reasons:
        out.print(f"    - {reason}", markup=False)


def intro_suggestions(rows: Sequence[IntroSuggestion]) -> None:
    table(
        f"Introductions you can make ({len(rows)})",
        ["score", "introduce", "to", "why"],
        (
            (
                f"{r.score:.2f}",
                f"{r.people[0].name} (#{r.people[0].id})",
                f"{r.people[1].name} (#{r.people[1].id})",
                r.reason,
            )
            for r in rows
        ),
    )
    if rows:
        first = rows[0].people
        out.print(
            f"Make one: goodword introduce {first[0].id} {first[1].id} --note '…'", markup=False
        )
