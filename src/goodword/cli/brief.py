"""`goodword brief`: what an advocate needs to refer you, as Markdown, HTML or plain text."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from goodword.cli import render
from goodword.cli.options import Json, parse_choice
from goodword.cli.state import state
from goodword.errors import InvalidInput

if TYPE_CHECKING:  # loaded only when a brief is made
    from goodword.nurture.briefing import Briefing


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)


def brief(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="md (the default), html or txt.")
    ] = "md",
    for_: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="REF",
            help="Write it for this person: greets them, lists the people they know who fit "
            "your ICP, and records them as briefed.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            help="Write it to FILE instead of printing it; an existing FILE is replaced.",
        ),
    ] = None,
    json: Json = False,
) -> None:
    """The advocate brief: what you do, for whom, how to spot and introduce a referral, and a
    clarity check of your offering."""
    from goodword.clock import utcnow
    from goodword.nurture.brief import BriefFormat, render_brief
    from goodword.nurture.briefing import gather_brief, record_briefed
    from goodword.people.queries import resolve_person

    chosen = parse_choice(BriefFormat, fmt, what="brief format")
    now = utcnow()
    workspace = state(ctx).workspace()
    # Only a brief for someone writes (they are now briefed); any other only reads.
    with workspace.transaction() if for_ is not None else workspace.read() as session:
        advocate = resolve_person(session, for_) if for_ is not None else None
        briefing = gather_brief(session, now=now, advocate=advocate)
        text = render_brief(briefing.content, fmt=chosen)
        if advocate is not None:
            record_briefed(session, advocate=advocate, at=now)
        if out is not None:  # inside the transaction: a file not written records nobody
            _write(out, text)
    _show(briefing, text, fmt=chosen.value, out=out, json=json)


def _show(briefing: "Briefing", text: str, *, fmt: str, out: Path | None, json: bool) -> None:
    """The brief on stdout, or where it went with its warnings on stderr, or the JSON."""
    from goodword.nurture.briefing import ClarityView

    clarity = ClarityView.of(briefing.content.clarity)
    if json:
        render.emit_json(
            {
                "format": fmt,
                "text": text,
                "clarity": clarity,
                "advocate": briefing.advocate,
                "prospects": briefing.prospects,
                "file": str(out) if out is not None else None,
            }
        )
    elif out is None:
        print(text, end="")
    else:
        for warning in clarity.warnings:
            render.warn(warning.message)
        whom = f" for {briefing.advocate.name}" if briefing.advocate is not None else ""
        render.done(f"Wrote the brief{whom} to {out}")


def _write(dest: Path, text: str) -> None:
    """Raises: InvalidInput when the file cannot be written."""
    from goodword.io.backup import replacing

    try:
        with replacing(dest) as partial:
            partial.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"Cannot write {dest}: {exc.strerror or exc}.") from None
