"""On the demo network the people who really refer the owner rank at the top of `advocates`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goodword.cli.main import app


def run(db: Path, *args: str) -> object:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else None


@pytest.mark.parametrize("seed", ["1", "3"])
def test_everyone_who_referred_the_owner_ranks_near_the_top(tmp_path: Path, seed: str) -> None:
    db = tmp_path / "demo.db"
    run(db, "demo", "--people", "2000", "--seed", seed)
    referrals = run(db, "referral", "list", "--limit", "0", "--json")
    assert isinstance(referrals, list)
    referrers = {r["referrer"]["id"] for r in referrals if r["receiver"]["is_me"]}

    rows = run(db, "advocates", "--top", str(len(referrers) + 2), "--json")

    assert isinstance(rows, list)
    assert referrers <= {row["person"]["id"] for row in rows}
    assert all(row["reasons"] and "advocate" in row["roles"] for row in rows)
