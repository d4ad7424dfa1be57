"""Option types shared by several commands, and parsing of choices into domain enums."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Annotated, TypeVar

import typer

from goodword.clock import utcnow
from goodword.errors import InvalidInput
from goodword.text import parse_date

# Every option that takes a value names it (`--email EMAIL`): without a metavar the help shows
# whatever the installed Typer derives from the Python type, which has changed between releases.
# An option that may be given more than once says "(repeatable)" in its help.
Json = Annotated[bool, typer.Option("--json", help="Print JSON on stdout and nothing else.")]
Emails = Annotated[
    list[str] | None, typer.Option("--email", metavar="EMAIL", help="E-mail (repeatable).")
]
Phones = Annotated[
    list[str] | None, typer.Option("--phone", metavar="PHONE", help="Phone number (repeatable).")
]
Tags = Annotated[list[str] | None, typer.Option("--tag", metavar="TAG", help="Tag (repeatable).")]
Org = Annotated[str | None, typer.Option(metavar="ORG", help="Organisation they work for.")]
Title = Annotated[str | None, typer.Option(metavar="TITLE", help="Their job title.")]
Industry = Annotated[str | None, typer.Option(metavar="INDUSTRY", help="Their industry.")]
City = Annotated[str | None, typer.Option(metavar="CITY", help="City they are based in.")]
Country = Annotated[str | None, typer.Option(metavar="COUNTRY", help="Country they are based in.")]
LinkedIn = Annotated[
    str | None, typer.Option("--linkedin", metavar="URL", help="LinkedIn profile URL.")
]
Nickname = Annotated[str | None, typer.Option(metavar="NAME", help="What they like to be called.")]
Ims = Annotated[
    list[str] | None,
    typer.Option(
        "--im",
        metavar="SERVICE:HANDLE",
        help="Instant-messaging handle, e.g. skype:ann.lee (repeatable).",
    ),
]
Birthday = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Birthday as YYYY-MM-DD, or --MM-DD without the year."),
]
Note = Annotated[str | None, typer.Option(metavar="TEXT", help="A note to keep with it.")]
Value = Annotated[str | None, typer.Option(metavar="AMOUNT", help="Money value, e.g. 1500.00.")]
Currency = Annotated[
    str | None,
    typer.Option(metavar="CODE", help="Currency code (default: the workspace's currency)."),
]

Yes = Annotated[bool, typer.Option("--yes", help="Delete without asking; it cannot be undone.")]


Limit = Annotated[
    int, typer.Option(min=0, metavar="N", help="At most this many, newest first (0: all).")
]


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="As things stood at the end of this day, counting only what was recorded by then.",
    ),
]


def moment(as_of: str | None) -> tuple[datetime, datetime | None]:
    """(now, as_of): scores as they stood at the end of the `--as-of` day, else now.

    Raises: InvalidInput for a day so far off that counting back and forth from it in days
    leaves the calendar.
    """
    if as_of is None:
        return utcnow(), None
    day = parse_date(as_of, what="--as-of date")
    if not _EARLIEST <= day <= _LATEST:
        raise InvalidInput(f"--as-of must be between {_EARLIEST} and {_LATEST}, not {day}.")
    end = datetime.combine(day, time.max, tzinfo=UTC)
    return end, end


_EARLIEST, _LATEST = date(1900, 1, 1), date(9000, 12, 31)


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], raw: str, *, what: str) -> E:
    """Raises: InvalidInput listing the accepted values (user error, exit 1, not usage)."""
    try:
        return enum(raw.strip().lower())
    except ValueError:
        accepted = ", ".join(m.value for m in enum)
        raise InvalidInput(f"Unknown {what} '{raw}'; use one of: {accepted}.") from None
