"""On the demo network `report roi` puts the advocates whose referrals were won on top."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from goodword.cli.main import app


def run(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("seed", ["1", "3"])
def test_the_advocates_whose_referrals_were_won_lead_the_report(tmp_path: Path, seed: str) -> None:
    db = tmp_path / "demo.db"
    CliRunner().invoke(app, ["--db", str(db), "demo", "--people", "2000", "--seed", seed])
    referrals = run(db, "referral", "list", "--limit", "0", "--json")
    won: dict[int, Decimal] = defaultdict(Decimal)
    for r in referrals:
        if r["receiver"]["is_me"] and r["status"] == "won":
            won[r["referrer"]["id"]] += Decimal(r["value"] or 0)
    assert won, "the demo should have won referrals"

    report = run(db, "report", "roi", "--json")

    rows = report["advocates"]
    assert {row["person"]["id"]: Decimal(row["won"]) for row in rows} == dict(won)
    amounts = [Decimal(row["won"]) for row in rows]
    assert amounts == sorted(amounts, reverse=True)
    assert rows[0]["person"]["id"] in {p for p, v in won.items() if v == max(won.values())}
    assert report["funnel"]["won"] == sum(
        1 for r in referrals if r["receiver"]["is_me"] and r["status"] == "won"
    )
