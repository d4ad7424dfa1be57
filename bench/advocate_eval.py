"""Whether `goodword advocates` finds the true advocates of simulated worlds, against baselines.

Run:  .venv/bin/python bench/advocate_eval.py [--seeds 24] [--first-seed 1] [--small]

Each seed draws a world's shape (300–5,000 people, denser or sparser, the ICP defined by tag,
industry or title, ties stated with or without a strength or seen only as shared meetings)
and a world of that shape (bench/advocate_worlds.py says what is in it), writes it into a
fresh SQLite workspace with the demo's bulk writer and ranks the owner's contacts with
`rank_advocates` at a fixed `now`, as `goodword advocates` does. It prints, per seed and then
as mean/min/max over the seeds, recall@10 (share of the true advocates in the top 10) and
precision@10 (share of the top 10 that are true advocates) for goodword and two baselines:
most ties first, and most interactions with the owner first. It checks the goal, on every
seed: recall@10 ≥ 0.9 and no decoy (hub, lone prospect, faded connector) in the top 5.
`--small` draws worlds of 300–600 people only, for a quick look. Exit status 1 when the goal
is missed on any seed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from advocate_worlds import DECOYS, NOW, World, make_world, random_shape, write_world
from goodword.advocates.queries import rank_advocates

TOP = 10
GOAL_RECALL = 0.9
CLEAN_TOP = 5


@dataclass(frozen=True)
class Outcome:
    seed: int
    label: str
    recall: dict[str, float]
    precision: dict[str, float]
    decoys_top5: list[str]  # roles of decoys in goodword's top 5
    seconds: float

    @property
    def met(self) -> bool:
        return self.recall["goodword"] >= GOAL_RECALL and not self.decoys_top5


def goodword_ranking(world: World, folder: Path) -> list[int]:
    """The world's people, best advocate first, through the real workspace and query."""
    workspace, first = write_world(world, folder / "world.db")
    try:
        with workspace.read() as session:
            rows = rank_advocates(session, now=NOW, top=TOP)
    finally:
        workspace.close()
    return [row.person.id - first for row in rows]


def by_count(world: World, count: Callable[[int], int]) -> list[int]:
    """The owner's contacts, highest count first, ties by person."""
    return sorted(world.role, key=lambda p: (-count(p), p))[:TOP]


def baselines(world: World) -> dict[str, list[int]]:
    neighbours = world.neighbours()
    touches: dict[int, int] = {}
    for p, *_ in world.touches:
        touches[p] = touches.get(p, 0) + 1
    return {
        "most ties": by_count(world, lambda p: len(neighbours.get(p, ()))),
        "most interactions": by_count(world, lambda p: touches.get(p, 0)),
    }


def evaluate(seed: int, *, small: bool = False) -> Outcome:
    started = time.perf_counter()
    shape = random_shape(random.Random(seed), small=small)
    world = make_world(shape, seed)
    truth = set(world.with_role("advocate"))
    with tempfile.TemporaryDirectory(prefix="advocate-eval-") as folder:
        rankings = {"goodword": goodword_ranking(world, Path(folder)), **baselines(world)}
    recall = {k: len(truth & set(r[:TOP])) / len(truth) for k, r in rankings.items()}
    precision = {k: len(truth & set(r[:TOP])) / TOP for k, r in rankings.items()}
    top5 = rankings["goodword"][:CLEAN_TOP]
    decoys = [world.role[p] for p in top5 if world.role.get(p) in DECOYS]
    elapsed = time.perf_counter() - started
    return Outcome(seed, shape.label(), recall, precision, decoys, elapsed)


def summary(outcomes: Sequence[Outcome]) -> list[str]:
    lines = [f"{'ranking':<18} {'recall@10 mean/min/max':>24} {'precision@10 mean/min/max':>27}"]
    for name in outcomes[0].recall:
        r = [o.recall[name] for o in outcomes]
        p = [o.precision[name] for o in outcomes]
        lines.append(
            f"{name:<18} {statistics.mean(r):>10.3f} {min(r):>6.2f} {max(r):>6.2f}"
            f" {statistics.mean(p):>13.3f} {min(p):>6.2f} {max(p):>6.2f}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=24, metavar="N")
    parser.add_argument("--first-seed", type=int, default=1, metavar="S")
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args(argv)
    outcomes = []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        o = evaluate(seed, small=args.small)
        outcomes.append(o)
        mark = "ok  " if o.met else "MISS"
        print(
            f"{mark} seed {seed:>3}  recall {o.recall['goodword']:.2f}"
            f"  precision {o.precision['goodword']:.2f}"
            f"  decoys in top 5: {', '.join(o.decoys_top5) or 'none'}"
            f"  ({o.label}; {o.seconds:.1f} s)",
            flush=True,
        )
    print()
    print("\n".join(summary(outcomes)))
    missed = [o.seed for o in outcomes if not o.met]
    print()
    print(
        f"goal (recall@10 ≥ {GOAL_RECALL}, no decoy in the top {CLEAN_TOP}, every seed): "
        + ("met" if not missed else f"MISSED on seeds {', '.join(map(str, missed))}")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
