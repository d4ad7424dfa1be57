"""Importing a file: the report of what it did, or on a dry run what it would do.

The page and the API run the upload through the same `goodword.io.run.import_file` that
`goodword import` runs, so a file gets the same counts and the same refusal everywhere.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import BaseModel

from goodword.clock import utcnow
from goodword.io.formats import ImportFormat
from goodword.io.report import ImportReport
from goodword.io.run import import_file
from goodword.io.window import Window
from goodword.web.deps import UploadsDep, WorkspaceDep
from goodword.web.uploads import Upload
from goodword.workspace import Workspace

router = APIRouter(tags=["import"])


class ImportChoices(BaseModel):
    """What `goodword import` takes besides the file: FORMAT, --since, --until, --force."""

    format: ImportFormat | None = None
    since: date | None = None
    until: date | None = None
    force: bool = False


def import_choices(
    format: Annotated[
        ImportFormat | None, Form(description="Left out (or blank), detected from the file.")
    ] = None,
    since: Annotated[
        date | None, Form(description="ics, mbox: only meetings and mail from this day.")
    ] = None,
    until: Annotated[date | None, Form(description="ics, mbox: only up to this day.")] = None,
    force: Annotated[
        bool, Form(description="archive only: replace a workspace that holds data.")
    ] = False,
) -> ImportChoices:
    return ImportChoices(format=format, since=since, until=until, force=force)


Choices = Annotated[ImportChoices, Depends(import_choices)]
Upfile = Annotated[UploadFile, File(description="The file to import.")]


def run_upload(workspace: Workspace, upload: Upload, *, dry_run: bool) -> ImportReport:
    """Raises: InvalidInput (MalformedFile naming the file and line) for a file that cannot be
    imported, or choices that do not suit it; Conflict for an archive over data without force."""
    choices = ImportChoices.model_validate(upload.choices)
    return import_file(
        workspace,
        kind=choices.format,
        path=upload.path,
        window=Window.of_days(since=choices.since, until=choices.until),
        dry_run=dry_run,
        force=choices.force,
        now=utcnow(),
        shown_as=upload.name,
    )


@router.post(
    "/import",
    summary="Import a file (vCard, CSV, iCalendar, mbox, archive); all or nothing",
    response_model=ImportReport,
)
def post_import(
    workspace: WorkspaceDep,
    uploads: UploadsDep,
    file: Upfile,
    choices: Choices,
    dry_run: Annotated[bool, Form(description="Report what would change; change nothing.")] = False,
) -> ImportReport:
    upload = uploads.keep(
        file.file, filename=file.filename, choices=choices.model_dump(mode="json")
    )
    try:
        return run_upload(workspace, upload, dry_run=dry_run)
    finally:
        uploads.discard(upload.token)
