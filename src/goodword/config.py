"""Settings from the environment: where the database lives (`--db`, `GOODWORD_DB`,
`GOODWORD_DATABASE_URL`, or the data dir), which workspace, the phone region override, and
where files that can be made again go (`GOODWORD_CACHE_DIR`, or the user's cache folder)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_WORKSPACE = "default"


def default_db_path() -> Path:
    import platformdirs  # only when no database is named; it compiles regexes as it loads

    return Path(platformdirs.user_data_dir("goodword", appauthor=False)) / "goodword.db"


def cache_dir() -> Path:
    if folder := os.environ.get("GOODWORD_CACHE_DIR"):
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("goodword"))


def resolve_database(db: str | None = None) -> str:
    """An explicit path wins, then GOODWORD_DB, then GOODWORD_DATABASE_URL, then the default."""
    if db:
        return db
    if env_db := os.environ.get("GOODWORD_DB"):
        return env_db
    if url := os.environ.get("GOODWORD_DATABASE_URL"):
        return url
    return str(default_db_path())


def resolve_workspace_name() -> str:
    return os.environ.get("GOODWORD_WORKSPACE") or DEFAULT_WORKSPACE


def region_override() -> str | None:
    """`GOODWORD_REGION`: reads national phone numbers as this country's for one run (an import
    of a colleague's address book, say) without changing the workspace's own region."""
    return os.environ.get("GOODWORD_REGION") or None
