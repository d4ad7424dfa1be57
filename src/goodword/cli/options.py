"""Option types shared by several commands, and parsing of choices into domain enums."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, TypeVar

import typer

from goodword.errors import InvalidInput

Json = Annotated[bool, typer.Option("--json", help="Print JSON on stdout and nothing else.")]
Emails = Annotated[list[str] | None, typer.Option("--email", help="E-mail (repeatable).")]
Phones = Annotated[list[str] | None, typer.Option("--phone", help="Phone number (repeatable).")]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).")]
Org = Annotated[str | None, typer.Option(help="Organisation they work for.")]
Title = Annotated[str | None, typer.Option(help="Their job title.")]
Industry = Annotated[str | None, typer.Option(help="Their industry.")]
City = Annotated[str | None, typer.Option(help="City they are based in.")]
Country = Annotated[str | None, typer.Option(help="Country they are based in.")]
LinkedIn = Annotated[str | None, typer.Option("--linkedin", help="LinkedIn profile URL.")]
Nickname = Annotated[str | None, typer.Option(help="What they like to be called.")]
Ims = Annotated[
    list[str] | None,
    typer.Option("--im", help="Instant-messaging handle as service:handle, e.g. skype:ann.lee."),
]
Birthday = Annotated[
    str | None, typer.Option(help="Birthday as YYYY-MM-DD, or --MM-DD without the year.")
]
Note = Annotated[str | None, typer.Option(help="A note to keep with it.")]
Value = Annotated[str | None, typer.Option(help="Money value, e.g. 1500.00.")]
Currency = Annotated[
    str | None, typer.Option(help="Currency code (default: the workspace's currency).")
]


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], raw: str, *, what: str) -> E:
    """Raises: InvalidInput listing the accepted values (user error, exit 1, not usage)."""
    try:
        return enum(raw.strip().lower())
    except ValueError:
        accepted = ", ".join(m.value for m in enum)
        raise InvalidInput(f"Unknown {what} '{raw}'; use one of: {accepted}.") from None
