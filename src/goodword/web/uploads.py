"""Uploaded files kept between an import's dry run and its confirmation.

The dry run shows what a file would do and the person then confirms: the bytes imported must
be the ones reported on, without sending the file twice. So each upload waits in a folder of
its own, named by a random token the confirm form carries back, under the file's own name (an
import's messages name the file, and LinkedIn's oldest export is known by its name), beside
the choices it was uploaded with. An upload left unconfirmed is removed after `KEPT`.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from goodword.errors import InvalidInput, NotFound

MAX_BYTES = 50 * 1024 * 1024
KEPT = 3600.0  # seconds
_CHUNK = 1 << 20
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")  # what secrets.token_urlsafe(24) gives
_FOLDER = re.compile(r"[A-Za-z0-9_-]{32}(\.claimed)?")
_CLAIMED = ".claimed"
_CHOICES = "choices.json"


@dataclass(frozen=True)
class Upload:
    token: str
    path: Path
    choices: dict[str, Any]  # what the caller kept with the file, as JSON reads back

    @property
    def name(self) -> str:
        return self.path.name


class Uploads:
    """Uploads of one workspace, each in `root/<token>/`; `root` is created on first use."""

    def __init__(self, root: Path, *, workspace: str, max_bytes: int = MAX_BYTES) -> None:
        self.root = root
        self.workspace = workspace
        self.max_bytes = max_bytes

    def keep(self, source: BinaryIO, *, filename: str | None, choices: dict[str, Any]) -> Upload:
        """Raises: InvalidInput for a file over `max_bytes`."""
        self._sweep()
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        folder.mkdir(parents=True, mode=0o700)
        path = folder / safe_name(filename)
        try:
            _copy_at_most(source, path, limit=self.max_bytes)
            stored = {"workspace": self.workspace, "choices": choices}
            (folder / _CHOICES).write_text(json.dumps(stored), encoding="utf-8")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return Upload(token=token, path=path, choices=choices)

    def find(self, token: str) -> Upload:
        """Raises: NotFound for a token never issued here, already imported or expired."""
        folder = self.root / token
        if not _TOKEN.fullmatch(token) or not (folder / _CHOICES).is_file():
            raise _gone()
        if time.time() - folder.stat().st_mtime > KEPT:
            self.discard(token)
            raise _gone()
        stored = json.loads((folder / _CHOICES).read_text(encoding="utf-8"))
        files = [p for p in folder.iterdir() if p.name != _CHOICES]
        if stored.get("workspace") != self.workspace or len(files) != 1:
            raise _gone()
        return Upload(token=token, path=files[0], choices=stored["choices"])

    def claim(self, token: str) -> Upload:
        """The upload, taken for importing: a second confirm of it (a double click, a retry
        while the first runs, another server process) finds it gone instead of importing the
        file twice. `discard` removes it afterwards.

        Raises: NotFound as `find` does, or when another request claimed it first.
        """
        upload = self.find(token)
        claimed = self.root / f"{token}{_CLAIMED}"
        try:
            (self.root / token).rename(claimed)  # atomic: only one request can move it
        except OSError:
            raise _gone() from None
        return Upload(token=token, path=claimed / upload.name, choices=upload.choices)

    def discard(self, token: str) -> None:
        if _TOKEN.fullmatch(token):
            shutil.rmtree(self.root / token, ignore_errors=True)
            shutil.rmtree(self.root / f"{token}{_CLAIMED}", ignore_errors=True)

    def _sweep(self) -> None:
        """Removes uploads older than `KEPT`: those a person never confirmed."""
        if not self.root.is_dir():
            return
        cutoff = time.time() - KEPT
        for folder in self.root.iterdir():
            try:
                if _FOLDER.fullmatch(folder.name) and folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:  # removed by another request meanwhile
                continue


def _gone() -> NotFound:
    return NotFound(
        "That upload is no longer here: it was imported already, or left for over an hour.",
        hint="Upload the file again.",
    )


def safe_name(filename: str | None) -> str:
    """The last part of an uploaded file's name, without what no file name should hold."""
    name = re.split(r"[/\\]", filename or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if name in ("", ".", ".."):
        return "upload"
    if len(name.encode()) > 120:  # keep the suffix: it tells the format
        stem, dot, suffix = name.rpartition(".")
        suffix = suffix[:16] if dot else ""
        name = stem.encode()[:100].decode(errors="ignore") + (f".{suffix}" if suffix else "")
    return name.lstrip(".") or "upload"


def _copy_at_most(source: BinaryIO, path: Path, *, limit: int) -> None:
    size = 0
    with path.open("wb") as target:
        while chunk := source.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                shown = f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit >> 10} KB"
                raise InvalidInput(
                    f"{path.name} is larger than {shown}.",
                    hint="Import a file that large with `goodword import` on the command line.",
                )
            target.write(chunk)
