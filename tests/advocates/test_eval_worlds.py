"""In simulated worlds whose true advocates are known, `rank_advocates` puts them above the
decoys: hubs reaching the wrong audience, prospects who know nobody, faded connectors.
The worlds come from the generator bench/advocate_eval.py measures with."""

from __future__ import annotations

import importlib.util
import random
import statistics
import sys
from pathlib import Path
from types import ModuleType

import pytest

from goodword.advocates.queries import rank_advocates

BENCH = Path(__file__).resolve().parents[2] / "bench"


def load_worlds() -> ModuleType:
    spec = importlib.util.spec_from_file_location("advocate_worlds", BENCH / "advocate_worlds.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


worlds = load_worlds()


def ranked_roles(seed: int, folder: Path) -> list[str]:
    """The role of every contact of the owner, in the order goodword ranks them."""
    world = worlds.make_world(worlds.random_shape(random.Random(seed), small=True), seed)
    workspace, first = worlds.write_world(world, folder / "world.db")
    try:
        with workspace.read() as session:
            rows = rank_advocates(session, now=worlds.NOW, top=len(world.role))
    finally:
        workspace.close()
    return [world.role[row.person.id - first] for row in rows]


@pytest.mark.parametrize("seed", [1, 4])
def test_true_advocates_rank_above_hubs_prospects_and_faded_connectors(
    tmp_path: Path, seed: int
) -> None:
    roles = ranked_roles(seed, tmp_path)
    rank = {role: [i for i, r in enumerate(roles) if r == role] for role in set(roles)}

    assert roles[0] == "advocate"
    for decoy in ("hub", "prospect", "faded"):
        assert statistics.median(rank["advocate"]) < statistics.median(rank[decoy]), decoy
    assert max(rank["advocate"]) < min(rank["prospect"])
