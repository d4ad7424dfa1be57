"""Real databases for every storage test: SQLite always, PostgreSQL when configured.

Each test runs in a transaction on one connection that is rolled back afterwards, so tests
never see each other's rows and the schema is migrated only once per run.

Property tests run under one of two Hypothesis profiles (see the README's Development section).
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from goodword.storage.engine import make_engine
from goodword.storage.schema import upgrade
from goodword.workspace import Workspace, open_workspace

PG_URL_VAR = "GOODWORD_TEST_DATABASE_URL"

# `ci` draws the same examples on every run, so a red build is the code's fault and never the
# dice's; nothing in it depends on the clock (no deadline, no too-slow check on a busy runner),
# and a failure prints the blob that replays it. `dev` keeps Hypothesis's random exploration,
# so each local run tries examples no run has tried before. Both start from Hypothesis's
# defaults rather than the loaded profile: Hypothesis loads a `ci` of its own when `CI` is set.
settings.register_profile(
    "ci",
    settings.get_profile("default"),
    derandomize=True,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", settings.get_profile("default"), print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def _composing() -> list[str]:
    """Every character with a canonical decomposition, and that decomposition: `é` and
    `e` + U+0301, Hangul syllables and their jamo, and the singletons NFC replaces outright
    (U+F900 豈 → U+8C48, U+212B Å → U+00C5, U+037E → `;`)."""
    found: set[str] = set()
    for code in range(0x30000):
        if 0xAC00 <= code <= 0xD7A3 and code % 1000:
            continue  # a handful of the 11,172 Hangul syllables, or they would be most of it
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed != char:
            found.update((char, decomposed))
    return sorted(found)


COMPOSING = st.deferred(lambda: st.sampled_from(_composing()))  # built on first use


def typed_text(
    chars: st.SearchStrategy[str], *, min_size: int = 0, max_size: int | None = None
) -> st.SearchStrategy[str]:
    """Text of `chars` as keyboards and exporters write it: a third of its pieces are letters
    that NFC composes, decomposes or replaces, which random characters almost never are."""
    pieces = st.one_of(chars, chars, COMPOSING)
    return st.lists(pieces, min_size=min_size, max_size=max_size).map("".join)


def pg_url() -> str | None:
    return os.environ.get(PG_URL_VAR) or None


# PostgreSQL cases are skipped only when no server is configured; CI always configures one
# (see pytest_sessionstart below), so there they always run.
needs_pg = pytest.mark.skipif(
    pg_url() is None,
    reason=f"PostgreSQL tests need {PG_URL_VAR} (e.g. postgresql+psycopg://…/test)",
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=needs_pg)]


def require_pg_url() -> str:
    """The server URL, in code that only runs for tests marked `needs_pg`."""
    url = pg_url()
    assert url is not None, f"{PG_URL_VAR} is unset; mark the test with needs_pg"
    return url


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(str(tmp_path_factory.mktemp("db") / "goodword.db"))
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine]:
    url = require_pg_url()
    with pg_schema(url) as engine:
        upgrade(engine)
        yield engine


class pg_schema:  # noqa: N801  (used as a context manager, reads like a function)
    """A throw-away PostgreSQL schema, so runs never touch each other's tables."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = f"gw_{uuid.uuid4().hex[:12]}"
        self.admin = make_engine(url)

    def __enter__(self) -> Engine:
        with self.admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.name}"'))
        self.engine = make_engine(self.url, connect_args={"options": f"-csearch_path={self.name}"})
        return self.engine

    def __exit__(self, *exc: object) -> None:
        self.engine.dispose()
        with self.admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Engine:
    name = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def workspace(engine: Engine) -> Iterator[Workspace]:
    """A fresh workspace whose every write is rolled back after the test."""
    with engine.connect() as connection:
        outer = connection.begin()
        try:
            yield open_workspace(bind=connection, name=f"test-{uuid.uuid4().hex[:8]}")
        finally:
            outer.rollback()


@pytest.fixture
def session(workspace: Workspace) -> Iterator[Session]:
    with workspace.transaction() as session:
        yield session


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the PostgreSQL half of the suite must run: a missing URL fails, never skips.

    Graph snapshots of server databases go to a folder of this run, not the user's cache.
    """
    os.environ.setdefault("GOODWORD_CACHE_DIR", tempfile.mkdtemp(prefix="goodword-cache-"))
    if os.environ.get("CI") and pg_url() is None:
        raise pytest.UsageError(f"CI must set {PG_URL_VAR}; the PostgreSQL tests would be skipped.")
