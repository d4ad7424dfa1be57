"""Which parser reads which format; parsing happens before the database is touched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from goodword.errors import InvalidInput
from goodword.io.records import Batch


class ImportFormat(StrEnum):
    VCARD = "vcard"
    GOOGLE = "google"
    OUTLOOK = "outlook"
    LINKEDIN = "linkedin"
    ICS = "ics"
    MBOX = "mbox"
    RELATIONSHIPS = "relationships"
    ARCHIVE = "archive"


def parse_file(fmt: ImportFormat, path: Path, *, now: datetime) -> Batch:
    """Raises: InvalidInput for a missing file; MalformedFile naming the line for a bad one."""
    if not path.is_file():
        raise InvalidInput(f"No such file: {path}.")
    return _parser(fmt, now)(path)


def _parser(fmt: ImportFormat, now: datetime) -> Callable[[Path], Batch]:
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

        return lambda path: parse_ics(path, now=now)
    if fmt == ImportFormat.MBOX:
        from goodword.io.mbox import parse_mbox

        return parse_mbox
    if fmt == ImportFormat.RELATIONSHIPS:
        from goodword.io.relationships_csv import parse_relationships_csv

        return parse_relationships_csv
    raise InvalidInput(f"'{fmt}' is not read by parse_file.")
