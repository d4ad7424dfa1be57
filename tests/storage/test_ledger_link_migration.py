"""Revision 0005: a referral has at most one ledger entry, held to by the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from conftest import BACKENDS, pg_schema, require_pg_url
from goodword.models import metadata
from goodword.storage.engine import make_engine
from goodword.storage.schema import upgrade

DAY = date(2026, 3, 2)


@pytest.fixture(params=BACKENDS)
def at_0004(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new database migrated to the revision before the one under test."""
    if request.param == "sqlite":
        engine = make_engine(str(tmp_path / "old.db"))
        upgrade(engine, "0004")
        yield engine
        engine.dispose()
        return
    with pg_schema(require_pg_url()) as engine:
        upgrade(engine, "0004")
        yield engine


def entry(referral_id: int | None) -> dict[str, object]:
    return {
        "workspace_id": 1, "giver_id": 2, "receiver_id": 1, "kind": "referral",
        "occurred_on": DAY, "referral_id": referral_id,
    }  # fmt: skip


def test_upgrading_keeps_the_first_entry_of_a_referral_and_frees_the_rest(
    at_0004: Engine,
) -> None:
    tables = metadata.tables
    with at_0004.begin() as db:
        db.execute(insert(tables["workspace"]).values(id=1, name="default"))
        for pid, name in ((1, "Me"), (2, "Ann Lee"), (3, "Dev Raman")):
            db.execute(
                insert(tables["person"]).values(id=pid, workspace_id=1, name=name, is_me=pid == 1)
            )
        db.execute(
            insert(tables["referral"]).values(
                id=1, workspace_id=1, referrer_id=2, prospect_id=3, receiver_id=1,
                status="received", currency="GBP", received_on=DAY,
            )
        )  # fmt: skip
        db.execute(insert(tables["ledger_entry"]), [entry(1), entry(1), entry(None)])

    upgrade(at_0004)

    ledger = tables["ledger_entry"]
    with at_0004.begin() as db:
        links = db.execute(select(ledger.c.id, ledger.c.referral_id).order_by(ledger.c.id)).all()
        assert [tuple(link) for link in links] == [(1, 1), (2, None), (3, None)]
    with pytest.raises(IntegrityError), at_0004.begin() as db:
        db.execute(insert(ledger).values(entry(1)))
