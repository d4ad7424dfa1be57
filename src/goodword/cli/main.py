"""The `goodword` command: global options, one error handler, and the command groups."""

import gc
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from sqlalchemy.exc import DatabaseError
from typer.core import TyperGroup

from goodword import __version__
from goodword.cli import (
    advocates,
    data,
    give_first,
    network,
    offering,
    people,
    referrals,
    serve,
    transfer,
)
from goodword.cli import brief as brief_cli
from goodword.cli import followups as followups_cli
from goodword.cli import interactions as interactions_cli
from goodword.cli import notes as notes_cli
from goodword.cli import nurture as nurture_cli
from goodword.cli import reports as reports_cli
from goodword.cli.render import error
from goodword.cli.state import State
from goodword.errors import GoodwordError


class GoodwordGroup(TyperGroup):
    """Translates core errors once: one line on stderr, exit 1, no traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GoodwordError as exc:
            if isinstance(ctx.obj, State) and ctx.obj.debug:
                raise
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except DatabaseError as exc:
            if isinstance(ctx.obj, State) and ctx.obj.debug:
                raise
            where = ctx.obj.target if isinstance(ctx.obj, State) else "the database"
            reason = " ".join(str(exc.orig).split())
            error(f"Cannot use {where}: {reason}")
            raise typer.Exit(1) from None
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.close()

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command names the one probably meant (`people` → `person`)."""
        typed = args[0] if args else ""
        unknown = typed and not typed.startswith("-") and self.get_command(ctx, typed) is None
        if unknown and (near := near_command(typed, self.list_commands(ctx))):
            ctx.fail(f"No such command '{typed}'. Did you mean '{near}'?")
        return super().resolve_command(ctx, args)


# Words people reach for first, mapped to the command that does it.
_SYNONYMS = {
    "people": "person",
    "contact": "person",
    "contacts": "person",
    "follow-up": "followup",
    "interaction": "log",
    "interactions": "log",
}


def near_command(typed: str, commands: Sequence[str]) -> str | None:
    """The command `typed` most likely meant: a synonym, a plural, or a close spelling."""
    from rapidfuzz import fuzz, process  # imported here: only a mistyped command needs it

    word = typed.strip().lower()
    for candidate in (_SYNONYMS.get(word), word.removesuffix("s"), word.replace("-", "")):
        if candidate in commands:
            return candidate
    found = process.extractOne(word, commands, scorer=fuzz.ratio, score_cutoff=60)
    return found[0] if found else None


app = typer.Typer(
    cls=GoodwordGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    help="goodword: find and nurture the advocates who refer you.",
)


def _version(value: bool) -> None:
    if value:
        print(f"goodword {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="SQLite file or SQLAlchemy URL (else GOODWORD_DB, GOODWORD_DATABASE_URL).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """goodword: find and nurture the advocates who refer you."""
    ctx.obj = State(db=db, debug=debug)


for module in (
    data,
    people,
    notes_cli,
    offering,
    network,
    interactions_cli,
    referrals,
    followups_cli,
    transfer,
    advocates,
    give_first,
    brief_cli,
    reports_cli,
    serve,
):
    module.register(app)
nurture_cli.register(app)


def run() -> None:
    # What the imports built lives as long as the process. Frozen, it is left out of full
    # garbage collections, several of which run at exit: a fifth of a short command's time.
    gc.freeze()
    app(prog_name="goodword")
