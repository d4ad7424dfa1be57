"""Moving data in and out: `import`, `export`, `dedupe`, `backup`, `restore`.

Each command imports the io modules it uses when it runs: they bring parsers, fuzzy
matching and calendar libraries that every other command would otherwise load at start.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from goodword.cli import render
from goodword.cli.options import Json, parse_choice
from goodword.cli.state import state
from goodword.clock import utcnow
from goodword.text import parse_date

if TYPE_CHECKING:
    from goodword.io.formats import ImportFormat

File = Annotated[Path, typer.Argument(metavar="FILE", help="The file.", dir_okay=False)]


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command("export")(export)
    app.command("dedupe")(dedupe)
    app.command("backup")(backup)
    app.command("restore")(restore)


def import_(
    ctx: typer.Context,
    arguments: Annotated[
        list[str],
        typer.Argument(
            metavar="[FORMAT] FILE",
            help="The file, after its format if you name it: vcard, google, outlook, "
            "linkedin, ics, mbox, relationships or archive. Left out, the format is detected.",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; change nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="archive only: replace a workspace that holds data.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="ics, mbox: only meetings and mail from this day, YYYY-MM-DD "
            "(default: any age; recurring meetings from two years back).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="ics, mbox: only up to this day, YYYY-MM-DD (default: meetings 30 days ahead).",
        ),
    ] = None,
    json: Json = False,
) -> None:
    """Import contacts, meetings, mail or relationships; all or nothing."""
    from goodword.io.run import import_file
    from goodword.io.window import Window

    kind, file = _chosen(arguments)
    window = Window.of_days(
        since=parse_date(since, what="--since date") if since else None,
        until=parse_date(until, what="--until date") if until else None,
    )
    report = import_file(
        state(ctx).workspace,
        kind=kind,
        path=file,
        window=window,
        dry_run=dry_run,
        force=force,
        now=utcnow(),
    )
    if json:
        render.emit_json(report)
    else:
        render.import_report(report)


def _chosen(arguments: list[str]) -> "tuple[ImportFormat | None, Path]":
    """`import FORMAT FILE` as named, or `import FILE` (None: the format the file shows).

    Raises: InvalidInput for an unknown format; BadParameter (a usage error) for a format
    without a file or more.
    """
    from goodword.io.formats import ImportFormat

    if len(arguments) == 2:
        fmt, file = arguments
        return parse_choice(ImportFormat, fmt, what="import format"), Path(file)
    file = arguments[0] if len(arguments) == 1 else ""
    if not file or (file.strip().lower() in set(ImportFormat) and not Path(file).exists()):
        raise typer.BadParameter("give one file, after its format if you name it.")
    return None, Path(file)


def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="vcard, csv, json or ics.")],
    file: File,
) -> None:
    """Export people (vcard, csv), everything (json), or open follow-ups (ics)."""
    from goodword.io.export import export_file

    with state(ctx).workspace().read() as session:
        count = export_file(session, fmt=fmt, dest=file, now=utcnow())
    render.done(f"Exported {count} {'rows' if fmt.lower() == 'json' else 'items'} to {file}")


def dedupe(
    ctx: typer.Context,
    apply: Annotated[bool, typer.Option("--apply", help="Merge the sure pairs.")] = False,
    json: Json = False,
) -> None:
    """List likely duplicate people; with --apply merge the sure ones (losslessly)."""
    from goodword.io.dedupe import find_duplicates, merge_sure_duplicates

    with state(ctx).workspace().transaction() as session:
        pairs = find_duplicates(session)
        merged = merge_sure_duplicates(session, pairs) if apply else []
    if json:
        render.emit_json({"pairs": pairs, "merged": merged})
    else:
        render.duplicates(pairs, merged)


def backup(
    ctx: typer.Context,
    file: File,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace FILE if it exists.")
    ] = False,
) -> None:
    """Copy the database consistently, even while goodword is running."""
    from goodword.io.backup import backup as backup_workspace

    how = backup_workspace(state(ctx).workspace(), file, overwrite=overwrite)
    render.done(f"Backed up to {file} ({'SQLite copy' if how == 'sqlite' else 'JSON archive'})")


def restore(
    ctx: typer.Context,
    file: File,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a workspace that holds data.")
    ] = False,
) -> None:
    """Restore a backup (SQLite copy or JSON archive) into the workspace."""
    from goodword.io.backup import people_in
    from goodword.io.backup import restore as restore_workspace

    counts = restore_workspace(state(ctx).workspace(), file, force=force)
    render.done(f"Restored {people_in(counts)} people from {file}")
