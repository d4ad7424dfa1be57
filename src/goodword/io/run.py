"""One import from start to end, as `goodword import` and the web's import page both run it.

The format is detected unless named, the dates checked against it, and the file parsed and
written in one transaction (rolled back on a dry run), so both edges report the same counts
and refuse the same files with the same one-line message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from goodword.io.apply import import_batch
from goodword.io.backup import load_archive, people_in, read_backup
from goodword.io.detect import detect_format, naming_the_likely_format
from goodword.io.formats import ImportFormat, check_window, parse_file
from goodword.io.report import ImportReport
from goodword.io.window import Window
from goodword.workspace import Workspace


def import_file(
    workspace: Workspace | Callable[[], Workspace],
    *,
    kind: ImportFormat | None,
    path: Path,
    window: Window,
    dry_run: bool,
    force: bool,
    now: datetime,
    shown_as: str | None = None,
) -> ImportReport:
    """Imports `path` as `kind` (None: the format its first bytes show); all or nothing.

    `workspace` may be a function that opens it: it is called only once the format and the
    dates suit each other, so a file refused at once creates no database.
    `shown_as` names the file in the report when `path` is only where a copy of it lies
    (an upload); the default is `path` as given.

    Raises: InvalidInput for a missing file or a window on a format without dates;
    MalformedFile naming the file and line for a file that cannot be imported; Conflict
    for an archive over a workspace that holds data without `force`.
    """
    detected = None
    if kind is None:
        detected = detect_format(path)
        kind = detected.format
    check_window(kind, window)
    if not isinstance(workspace, Workspace):
        workspace = workspace()
    report = ImportReport(format=kind.value, file=shown_as or str(path), dry_run=dry_run)
    if detected is not None:
        report.detected, report.layout = True, detected.layout
        report.description = detected.description
    with naming_the_likely_format(kind, path):
        if kind == ImportFormat.ARCHIVE:
            archive = read_backup(path, workspace.name)
            with workspace.transaction(commit=not dry_run) as session:
                counts = load_archive(session, archive, path, force=force)
            report.created = people_in(counts)
        else:
            batch = parse_file(kind, path, now=now, window=window)
            with workspace.transaction(commit=not dry_run) as session:
                import_batch(session, batch=batch, report=report)
    return report
