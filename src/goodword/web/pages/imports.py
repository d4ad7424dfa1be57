"""Import a file: upload it, read the dry run's report, then confirm to import it.

The upload waits server-side between the two steps (see `goodword.web.uploads`), so what is
imported is exactly what was reported on; the confirm form carries only its token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from goodword.errors import GoodwordError
from goodword.io.formats import ImportFormat
from goodword.io.report import ImportReport
from goodword.web.api.imports import Choices, Upfile, run_upload
from goodword.web.deps import UploadsDep, WorkspaceDep
from goodword.web.templating import render

router = APIRouter()

SHOWN = 20  # merges, skips and values kept as typed listed on the page; the API has them all
FORMATS = {
    ImportFormat.VCARD: "vCard (.vcf): a phone, Apple Contacts, Gmail, Outlook, Thunderbird",
    ImportFormat.GOOGLE: "Google Contacts CSV",
    ImportFormat.OUTLOOK: "Outlook, Outlook.com or Thunderbird CSV",
    ImportFormat.LINKEDIN: "LinkedIn Connections.csv",
    ImportFormat.ICS: "Calendar (.ics): meetings",
    ImportFormat.MBOX: "Mailbox (mbox): e-mails",
    ImportFormat.RELATIONSHIPS: "Relationships CSV (a,b,strength,kind,note)",
    ImportFormat.ARCHIVE: "goodword archive (JSON) or SQLite backup",
}
COUNTS = {
    "created": "people created",
    "merged": "merged into people you know",
    "unchanged": "already known, unchanged",
    "skipped": "skipped",
    "organisations_created": "organisations created",
    "ties_created": "ties added",
    "ties_updated": "ties updated",
    "interactions_created": "interactions added",
    "interactions_unchanged": "interactions already known",
}


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request) -> HTMLResponse:
    return _page(request, report=None, token=None)


@router.post("/import", response_class=HTMLResponse)
def import_dry_run(
    request: Request, workspace: WorkspaceDep, uploads: UploadsDep, file: Upfile, choices: Choices
) -> HTMLResponse:
    """Keeps the upload and reports what importing it would do; nothing is written yet."""
    upload = uploads.keep(
        file.file, filename=file.filename, choices=choices.model_dump(mode="json")
    )
    try:
        report = run_upload(workspace, upload, dry_run=True)
    except GoodwordError:
        uploads.discard(upload.token)
        raise
    return _page(request, report=report, token=upload.token)


@router.post("/import/confirm", response_class=HTMLResponse)
def import_confirm(
    request: Request,
    workspace: WorkspaceDep,
    uploads: UploadsDep,
    token: Annotated[str, Form(max_length=100)],
) -> HTMLResponse:
    """Imports the upload the dry run reported on; the report is the import's own, so a
    change made meanwhile shows in its counts."""
    upload = uploads.claim(token)
    try:
        report = run_upload(workspace, upload, dry_run=False)
    finally:
        uploads.discard(token)
    return _page(request, report=report, token=None)


def _page(request: Request, *, report: ImportReport | None, token: str | None) -> HTMLResponse:
    """The report alone for htmx (swapped under the form), the whole page otherwise."""
    listed = (report.merges, report.skipped_items, report.kept_as_typed) if report else ()
    context = {
        "report": report,
        "token": token,
        "formats": FORMATS.items(),
        "counts": COUNTS.items(),
        "shown": SHOWN,
        "hidden": sum(max(len(items) - SHOWN, 0) for items in listed),
    }
    partial = request.headers.get("HX-Request") == "true" and report is not None
    return render(request, "_import_report.html" if partial else "import.html", context)
