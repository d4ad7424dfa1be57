"""The error a malformed file raises: it names the file and the line."""

from __future__ import annotations

from pathlib import Path

from goodword.errors import InvalidInput


class MalformedFile(InvalidInput):
    """A file that cannot be imported; nothing of it is written."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        where = f"{Path(path).name}:{line}" if line else Path(path).name
        sentence = problem if problem.endswith((".", "?", "!")) else f"{problem}."
        super().__init__(f"{where}: {sentence}", hint="Nothing was imported.")
        self.path = str(path)
        self.line = line
        self.problem = problem
