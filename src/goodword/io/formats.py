"""Which parser reads which format; parsing happens before the database is touched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from goodword.errors import InvalidInput
from goodword.io.records import Batch
from goodword.io.window import Window


class ImportFormat(StrEnum):
    VCARD = "vcard"
    GOOGLE = "google"
    OUTLOOK = "outlook"
    LINKEDIN = "linkedin"
    ICS = "ics"
    MBOX = "mbox"
    RELATIONSHIPS = "relationships"
    ARCHIVE = "archive"


DATED = (ImportFormat.ICS, ImportFormat.MBOX)  # the formats `--since` and `--until` apply to


def check_window(fmt: ImportFormat, window: Window) -> None:
    """Raises: InvalidInput for a window on a format whose records have no dates to cut by."""
    if window.is_set and fmt not in DATED:
        raise InvalidInput(
            f"--since and --until apply to calendars (ics) and mail (mbox), not to {fmt} files."
        )


def parse_file(
    fmt: ImportFormat, path: Path, *, now: datetime, window: Window | None = None
) -> Batch:
    """Raises: InvalidInput for a missing file or a window on an undated format; MalformedFile
    naming the line for a bad file."""
    window = window or Window()
    check_window(fmt, window)
    if not path.is_file():
        raise InvalidInput(f"No such file: {path}.")
    return _parser(fmt, now, window)(path)


def _parser(fmt: ImportFormat, now: datetime, window: Window) -> Callable[[Path], Batch]:
    # Each parser is imported only when its format is used: they pull in large libraries.
    if fmt == ImportFormat.VCARD:
        from goodword.io.vcard import parse_vcard

        return parse_vcard
    if fmt == ImportFormat.GOOGLE:
        from goodword.io.google_csv import parse_google_csv

        return parse_google_csv
    if fmt == ImportFormat.OUTLOOK:
        from goodword.io.outlook_csv import parse_outlook_csv

        return parse_outlook_csv
    if fmt == ImportFormat.LINKEDIN:
        from goodword.io.linkedin_csv import parse_linkedin_csv

        return parse_linkedin_csv
    if fmt == ImportFormat.ICS:
        from goodword.io.ics import parse_ics

        return lambda path: parse_ics(path, now=now, window=window)
    if fmt == ImportFormat.MBOX:
        from goodword.io.mbox import parse_mbox

        return lambda path: parse_mbox(path, window=window)
    if fmt == ImportFormat.RELATIONSHIPS:
        from goodword.io.relationships_csv import parse_relationships_csv

        return parse_relationships_csv
    raise InvalidInput(f"'{fmt}' is not read by parse_file.")
