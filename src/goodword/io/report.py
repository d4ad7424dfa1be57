"""What an import did (or, on a dry run, would do): counts, merges and what was skipped."""

from __future__ import annotations

from pydantic import BaseModel


class SkipView(BaseModel):
    line: int
    reason: str


class MergeView(BaseModel):
    """A record that matched someone already known, and why it was taken to be them."""

    line: int
    name: str
    person_id: int
    how: str


class KeptView(BaseModel):
    """A phone, URL or IM handle that did not normalise, kept exactly as the file had it."""

    line: int
    kind: str
    value: str


class ImportReport(BaseModel):
    format: str
    file: str
    # When the format was detected (`goodword import FILE`): the exporter's layout and its name.
    detected: bool = False
    layout: str | None = None
    description: str | None = None
    dry_run: bool = False
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    # A card imported without its photo is not a skipped record, so photos are counted apart.
    photos_not_kept: int = 0
    organisations_created: int = 0
    ties_created: int = 0
    ties_updated: int = 0
    interactions_created: int = 0
    interactions_unchanged: int = 0
    merges: list[MergeView] = []
    skipped_items: list[SkipView] = []
    kept_as_typed: list[KeptView] = []

    def skip(self, line: int, reason: str) -> None:
        self.skipped += 1
        self.skipped_items.append(SkipView(line=line, reason=reason))

    def keep_as_typed(self, line: int, kind: str, value: str) -> None:
        self.kept_as_typed.append(KeptView(line=line, kind=kind, value=value))
