"""Reading a whole file as text, the encodings address books and calendars are saved in."""

from __future__ import annotations

import codecs
from pathlib import Path

from goodword.io.errors import MalformedFile


def read_text(
    path: Path, *, save_as: str, empty: str | None = None, allow_nul: bool = False
) -> str:
    """The file as text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (Outlook).

    `save_as` names the encoding the messages advise (`CSV UTF-8`); with `empty`, a blank
    file is refused with that explanation. `allow_nul` leaves a NUL byte to the parser, for
    formats whose parser names the damaged line itself.
    Raises: MalformedFile when the file cannot be read, is empty or is not text.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MalformedFile(path, None, f"cannot be read: {exc.strerror or exc}") from None
    text = _decode(path, data, save_as)
    if empty is not None and (not text or text.isspace()):
        raise MalformedFile(path, 1, f"the file is empty: {empty}")
    if not allow_nul and "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problem = f"holds NUL bytes: it is not text (save it as {save_as})"
        raise MalformedFile(path, line, problem)
    return text


def _decode(path: Path, data: bytes, save_as: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _bad_encoding(path, data, exc, save_as, "UTF-16") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Text that was valid UTF-8 up to here is UTF-8 with a damaged byte, not Windows-1252.
        if not data[: exc.start].isascii():
            raise _bad_encoding(path, data, exc, save_as, "UTF-8") from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _bad_encoding(path, data, exc, save_as, "UTF-8 or Windows-1252") from None


def _bad_encoding(
    path: Path, data: bytes, exc: UnicodeDecodeError, save_as: str, expected: str
) -> MalformedFile:
    # Counting in the decoded prefix, so UTF-16's two-byte line breaks count once.
    codec = "utf-16" if expected == "UTF-16" else "latin-1"
    line = data[: exc.start].decode(codec, "replace").count("\n") + 1
    byte = data[exc.start : exc.start + 1].hex()
    problem = f"byte 0x{byte} is not valid {expected} text; save the file as {save_as}"
    return MalformedFile(path, line, problem)
