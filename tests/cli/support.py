"""What the CLI tests share: running `goodword` in-process, and reading every row it wrote."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url
from typer.testing import CliRunner, Result

from goodword.cli.main import app
from goodword.models import metadata
from goodword.storage.engine import make_engine

# The stable JSON shape of a person (DESIGN.md, and its kind); more fields may be added.
PERSON_FIELDS = {"id", "name", "kind", "emails", "org", "title", "tags"}

Rows = dict[str, list[tuple[Any, ...]]]


def schema_url(url: str, schema: str) -> str:
    """The URL with `options=-csearch_path=…`, which psycopg passes on to the server."""
    parsed = make_url(url)
    return parsed.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@dataclass
class Database:
    """What `--db` gets, and which workspace the command works in (None: the default)."""

    backend: str
    target: str
    workspace: str | None

    def rows(self) -> Rows:
        """Every row of every table, in primary-key order, read through a separate engine.

        Leaves out the workspace's data version: every committed command renews it, even one
        that finds nothing to change.
        """
        engine = make_engine(self.target)
        try:
            with engine.connect() as connection:
                return {
                    table.name: [
                        tuple(row)
                        for row in connection.execute(
                            select(
                                *(c for c in table.columns if c.name != "data_version")
                            ).order_by(*table.primary_key.columns)
                        )
                    ]
                    for table in metadata.sorted_tables
                }
        finally:
            engine.dispose()


class Cli:
    """`cli("person", "add", "Ann")` runs `goodword --db … person add Ann` in-process."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.runner = CliRunner()

    def __call__(
        self,
        *args: str,
        catch_exceptions: bool = True,
        env: dict[str, str] | None = None,
        input: str | None = None,
    ) -> Result:
        """`env` adds to the environment, which otherwise names no database or region;
        `input` is what the user types at a prompt."""
        env = {
            "GOODWORD_WORKSPACE": self.database.workspace,
            "GOODWORD_DB": None,
            "GOODWORD_DATABASE_URL": None,
            "GOODWORD_REGION": None,
            **(env or {}),
        }
        return self.runner.invoke(
            app,
            ["--db", self.database.target, *args],
            env=env,
            catch_exceptions=catch_exceptions,
            input=input,
        )

    def ok(self, *args: str) -> Result:
        """Runs a command that must succeed."""
        result = self(*args)
        assert result.exit_code == 0, describe(result)
        return result

    def json(self, *args: str) -> Any:
        """Runs a command that must succeed and print only a JSON document on stdout."""
        result = self.ok(*args)
        return json.loads(result.stdout)

    def rows(self) -> Rows:
        return self.database.rows()


def describe(result: Result) -> str:
    return (
        f"exit {result.exit_code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        f"\n--- exception\n{result.exception!r}"
    )


def assert_user_error(result: Result, *needles: str) -> str:
    """Exit 1, nothing on stdout, one line on stderr naming the problem; returns that line."""
    assert result.exit_code == 1, describe(result)
    assert result.stdout == "", describe(result)
    assert "Traceback" not in result.output, describe(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, describe(result)
    line = lines[0]
    assert line.strip(), describe(result)
    for needle in needles:
        assert needle in line, describe(result)
    return line
