"""vCard 2.1, 3.0 and 4.0 files → plain records (`Batch`), one `PersonRecord` per person card.

Not `vobject.readComponents` end to end: it cuts text at an unescaped comma (Gmail's `FN:Mr. John
Richter, James Doe Sr.`), decodes every photo (a truncated one kills the card), rejects Lotus
Notes' `PROFILE:VCard`, and its line regex backtracks exponentially on a damaged line. So lines
are unfolded here (photos skipped unread), checked by a linear form of vobject's grammar, and
their parameters parsed by `vobject.base.parseParams`.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from vobject.base import parseParams

from goodword.io.errors import MalformedFile
from goodword.io.records import Batch
from goodword.io.vcard_fields import IM_SERVICES, Prop, card_record, is_noise, new_prop

__all__ = ["parse_vcard"]

# vobject's line grammar (name, parameters, ':'), with atomic groups so a damaged line fails
# in linear time instead of backtracking through every split of its parameters.
_NAME = r"[A-Za-z0-9_-]++"
_LINE = re.compile(
    rf'(?:({_NAME})\.)?({_NAME})(;?(?>(?:;{_NAME}(?:[=,](?:"[^"]*+"|[^";:,=]*+))*+)*+)):'
)
_BOUNDARY = re.compile(r"(BEGIN|END)[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_CHARSET = re.compile(rb';CHARSET="?([^;:"]+)', re.IGNORECASE)
_BINARY = re.compile(r"(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)  # skipped unread
_PHOTO_MARK = "PHOTO:"
# These properties have fields of their own; any other is kept in a note unless it is noise.
_WANTED = {
    *("VERSION", "FN", "N", "NICKNAME", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "ORG"),
    *("TITLE", "CATEGORIES", "NOTE", "BDAY", "ADR", "KIND", "X-ABSHOWAS", "X-ABLABEL", "PHOTO"),
    *("IMPP", *IM_SERVICES),
}


class _Unreadable(Exception):
    """A card that cannot be read; the caller names the file and the card."""


@dataclass
class _Card:
    number: int
    line: int
    lines: list[tuple[str, int]] = field(default_factory=list)


def parse_vcard(path: Path) -> Batch:
    """Read every card of a .vcf file, all or nothing.

    Raises:
        MalformedFile: a card cannot be read, a card never ends, the bytes cannot be decoded,
            or the file holds no card at all.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MalformedFile(path, None, f"cannot be read: {exc.strerror or exc}") from None
    text = _decode(raw, path)
    batch = Batch()
    found = False
    for card in _cards(text, path):
        found = True
        try:
            props = [prop for line, number in card.lines if (prop := _prop(line, number))]
            card_record(batch, props, key=f"card{card.number}", line=card.line)
        except _Unreadable as error:
            problem = f"cannot read the card starting here: {error}"
            raise MalformedFile(path, card.line, problem) from error
    if not found:
        raise MalformedFile(path, None, "no vCard found (BEGIN:VCARD)")
    batch.people.sort(key=lambda person: person.line)  # nested cards close before their parent
    return batch


def _decode(raw: bytes, path: Path) -> str:
    """Bytes → text: UTF-8 (or UTF-16 with its byte-order mark), else line by line."""
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as error:
        if utf16:
            raise MalformedFile(path, None, "the file says UTF-16 but is not") from error
        text = _decode_lines(raw, path)
    nul = text.find("\x00")
    if nul >= 0:  # UTF-16 without a byte-order mark, or not text at all
        line = text.count("\n", 0, nul) + 1
        raise MalformedFile(path, line, "NUL bytes: not a text vCard; save it as UTF-8")
    if "\n" not in text:  # classic Mac line ends
        text = text.replace("\r", "\n")
    return text


def _decode_lines(raw: bytes, path: Path) -> str:
    """Decode a file that is not UTF-8: vCard 2.1 declares CHARSET per property, so a
    line uses its property's CHARSET; undeclared text falls back to Windows-1252."""
    lines: list[str] = []
    charset: str | None = None
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line[:1] not in (b" ", b"\t"):  # a new property, not a folded continuation
            found = _CHARSET.search(line.partition(b":")[0])
            charset = found.group(1).decode("ascii", "replace") if found else None
        try:
            lines.append(line.decode("ascii") if line.isascii() else _text_of(line, charset))
        except _Unreadable as error:
            raise MalformedFile(path, number, str(error)) from error
    return "\n".join(lines)


def _text_of(data: bytes, charset: str | None) -> str:
    """Decode one value's bytes; a declared CHARSET must fit, an undeclared one is guessed.

    Raises:
        _Unreadable: the bytes are not in the declared CHARSET, or it is unknown.
    """
    if not charset:
        for guess in ("utf-8", "cp1252"):
            with suppress(UnicodeDecodeError):
                return data.decode(guess)
        return data.decode("latin-1")
    try:
        return data.decode(charset)
    except UnicodeDecodeError as error:
        if error.end == len(data):  # a value cut inside its last character, as phones do
            with suppress(UnicodeDecodeError):
                return data[: error.start].decode(charset)
        problem = f"text that is not {charset[:40]!r}, the CHARSET it declares"
    except (LookupError, ValueError):  # also a codec name that holds a NUL
        problem = f"unknown CHARSET {charset[:40]!r}"
    raise _Unreadable(problem)


def _logical_lines(text: str) -> Iterator[tuple[str, int]]:
    """Unfold physical lines into (logical line, its first line number).

    Folded lines start with a space or tab; a quoted-printable line ending in `=` continues on
    the next line (vCard 2.1 soft break); a blank line ends a line (2.1 base64). Photos, logos,
    sounds and keys are skipped unread, base64 lines included (they never hold a ':'), and a
    photo is marked so the batch can count it.
    """
    parts: list[str] = []
    start = 0
    soft_break = binary = False
    for number, physical in enumerate(_physical_lines(text), 1):
        line = physical.rstrip("\r")
        if binary:
            if line[:1] in (" ", "\t") or (line and ":" not in line):
                continue
            binary = False
        if soft_break and not _BOUNDARY.match(line):
            parts.append("\n" + line)
            soft_break = line.endswith("=")
            continue
        if parts and line[:1] in (" ", "\t"):
            parts.append(line[1:])
            continue
        if parts:
            yield "".join(parts), start
            parts = []
        if not line or line.isspace():
            soft_break = False
            continue
        if line[0] in "PpLlSsKk" and (found := _BINARY.match(line)):
            binary = True
            if found.group(1).upper() == "PHOTO":
                yield _PHOTO_MARK, number
            continue
        parts, start = [line], number
        soft_break = line.endswith("=") and "QUOTED-PRINTABLE" in line.split(":")[0].upper()
    if parts:
        yield "".join(parts), start


def _physical_lines(text: str, slice_size: int = 1 << 20) -> Iterator[str]:
    """`text.split("\n")` a slice at a time, so a 100,000-card file is not held twice as lines."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + slice_size)
        end = len(text) if end < 0 else end
        yield from text[start:end].split("\n")
        start = end + 1


def _cards(text: str, path: Path) -> Iterator[_Card]:
    """Group logical lines into cards; a card nested in another (AOSP) is a card of its own.

    Raises:
        MalformedFile: an END:VCARD without its BEGIN, or a card that never ends.
    """
    open_cards: list[_Card] = []
    count = 0
    for line, number in _logical_lines(text):
        boundary = _BOUNDARY.match(line) if line[0] in "BbEe" else None
        if boundary and boundary.group(1).upper() == "BEGIN":
            count += 1
            open_cards.append(_Card(count, number))
        elif boundary:
            if not open_cards:
                raise MalformedFile(path, number, "END:VCARD without a BEGIN:VCARD before it")
            yield open_cards.pop()
        elif open_cards:
            open_cards[-1].lines.append((line, number))
    if open_cards:
        problem = "this card never ends (no END:VCARD): the file looks truncated"
        raise MalformedFile(path, open_cards[0].line, problem)


def _prop(line: str, number: int) -> Prop | None:
    """One logical line → a `Prop`, or None for a property goodword does not import.

    Raises:
        _Unreadable: the line is not `NAME;PARAMS:value`, or its value cannot be decoded.
    """
    match = _LINE.match(line)
    if match is None:
        raise _Unreadable(f"line {number} is not a vCard property (NAME:value): {line[:40]!r}")
    name = match.group(2).upper().replace("_", "-")  # Lotus Notes writes X_NAME
    if name == "PHOTO":  # `item1.PHOTO`: a photo all the same
        return Prop(name, None, [], {}, "", number)
    if name in _WANTED:
        return _read_prop(name, match, line, number)
    if is_noise(name):
        return None
    # Kept only in a note: a property that cannot be read, or is binary, is left out
    # rather than failing the card.
    with suppress(_Unreadable):
        prop = _read_prop(name, match, line, number)
        return None if prop.encoding in ("b", "base64") else prop
    return None


def _read_prop(name: str, match: re.Match[str], line: str, number: int) -> Prop:
    """Raises: _Unreadable for parameters or an encoded value that cannot be read."""
    try:
        params = parseParams(match.group(3)) if match.group(3) else []
    except Exception as error:  # vobject is untyped; any failure is this line's fault
        raise _Unreadable(f"line {number}: unreadable parameters ({error})") from error
    prop = new_prop(name, match.group(1), params, line[match.end() :], number)
    if prop.encoding in ("quoted-printable", "b", "base64"):
        prop.value = _decode_value(prop)
    return prop


def _decode_value(prop: Prop) -> str:
    """Undo quoted-printable (bytes in the property's CHARSET) or base64.

    Raises:
        _Unreadable: base64 that is not, or bytes that do not fit the declared CHARSET.
    """
    try:
        if prop.encoding == "quoted-printable":
            data = binascii.a2b_qp(prop.value.encode("utf-8"))
        else:
            data = binascii.a2b_base64(prop.value.encode("ascii", "replace"))
        return _text_of(data, prop.params.get("CHARSET", [""])[0]).replace("\r\n", "\n")
    except binascii.Error as error:
        raise _Unreadable(f"line {prop.line}: base64 value cannot be decoded") from error
    except _Unreadable as error:
        raise _Unreadable(f"line {prop.line}: {error}") from error
