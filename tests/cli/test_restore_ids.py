"""`goodword restore` of a JSON archive into an empty database keeps every id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli.support import Cli, Database, schema_url
from conftest import pg_schema, require_pg_url


@pytest.fixture
def source(backend: str, tmp_path: Path) -> Iterator[Cli]:
    """A database of its own, like the one a user moves from, so its owner is #1 too."""
    if backend == "sqlite":
        cli = Cli(Database(backend, str(tmp_path / "old" / "goodword.db"), None))
        cli.ok("init")
        yield cli
        return
    url = require_pg_url()
    schema = pg_schema(url)
    with schema:
        cli = Cli(Database(backend, schema_url(url, schema.name), None))
        cli.ok("init")
        yield cli


def by_id(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {row["id"]: row for row in rows}


def test_restore_of_an_archive_into_an_empty_database_keeps_every_id(
    source: Cli, empty_cli: Cli, tmp_path: Path
) -> None:
    for name in ("Gone Soon", "Ann Lee", "Bob Stone"):
        source.ok("person", "add", name)
    source.ok("person", "delete", "Gone Soon", "--yes")
    source.ok("referral", "add", "--from", "Ann Lee", "--prospect", "Dev Raman", "--value", "500")
    source.ok("give", "Bob Stone", "--kind", "help", "--note", "moved his desk")
    source.ok("followup", "add", "Bob Stone", "--on", "2026-12-01")
    archive = tmp_path / "network.json"
    source.ok("export", "json", str(archive))

    empty_cli.ok("init")
    empty_cli.ok("restore", str(archive))

    for listing in (("person", "list"), ("referral", "list"), ("followup", "list")):
        assert by_id(empty_cli.json(*listing, "--json")) == by_id(source.json(*listing, "--json"))
    restored, before = (c.json("ledger", "--json")["entries"] for c in (empty_cli, source))
    assert by_id(restored) == by_id(before)
    bob = source.json("person", "show", "Bob Stone", "--json")["id"]
    assert bob != 2  # the deleted person's id stays a gap
    assert empty_cli.json("person", "show", str(bob), "--json")["name"] == "Bob Stone"
    added = empty_cli.json("person", "add", "Cara Diaz", "--json")
    assert added["id"] > max(by_id(source.json("person", "list", "--json")))
