"""Mail → interactions: an mbox file parsed into a `Batch`, streamed in bounded memory.

A mailbox export can be gigabytes, so the file is read in blocks and only each message's
header block is kept and parsed; bodies are skipped over, never stored. Mailing-list traffic is
skipped rather than down-weighted: a newsletter or a list post says nothing about who the
owner knows, and a skipped message is still counted, with its reason, in the import report.
Mail of any age is imported unless `--since`/`--until` (a `Window`) say otherwise: an old
thread is evidence of a relationship, if a faded one.
"""

from __future__ import annotations

import email.policy
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.errors import MessageError
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from goodword.io.acquaintances import Acquaintances, display_name, plain_address
from goodword.io.errors import MalformedFile
from goodword.io.records import Batch, InteractionRecord, Skip
from goodword.io.window import Window

# A physical line longer than this is cut (the rest is read past): only garbage or bodies
# have such lines, and the cap keeps a file with no newlines from being held whole.
_LINE_LIMIT = 1 << 16
_BLOCK = 1 << 20
# Headers beyond this size are dropped: real header blocks are a few kilobytes.
_HEADER_LIMIT = 1 << 18
_WANTED = frozenset(
    b"from to cc date subject message-id list-id list-unsubscribe precedence".split()
)
_BULK = frozenset({"bulk", "list", "junk"})
_PARSER = BytesHeaderParser(policy=email.policy.default)
_SPECIAL = re.compile(r'["()\\;:]')
_ANGLE = re.compile(r"\s*([^<>]*?)\s*<([^<>\s]+)>\s*")
_BARE = re.compile(r"\s*([^<>\s]+@[^<>\s]+)\s*")


@dataclass(frozen=True)
class RawMessage:
    """One message as the scanner finds it: the line of its `From ` separator and its headers."""

    line: int
    headers: bytes


def parse_mbox(path: Path, *, list_threshold: int = 10, window: Window | None = None) -> Batch:
    """Parse an mbox into interactions, people and inferred ties, reading headers only.

    Raises: MalformedFile when the file is not an mbox.
    """
    batch = Batch()
    people = Acquaintances()
    seen: dict[str, int] = {}
    window = window or Window()
    try:
        with path.open("rb") as stream:
            _check_start(path, stream.read(512))
            stream.seek(0)
            for raw in scan_messages(stream, _WANTED):
                _add_message(raw, list_threshold, batch, people, seen, window)
    except OSError as exc:
        raise MalformedFile(path, None, f"cannot be read: {exc.strerror or exc}") from None
    people.fill(batch)
    return batch


def scan_messages(stream: BinaryIO, wanted: frozenset[bytes] | None = None) -> Iterator[RawMessage]:
    """Yield each message's separator line and header block, one at a time.

    A `From ` line separates messages at the start of the file, after a blank line, or while
    still in headers (a header name holds no space, so it cannot be one). With `wanted`
    (lower-case names), only those headers are kept: parsing less is most of the speed.
    """
    cursor = _Cursor(stream)
    at_separator = cursor.startswith(b"From ")
    while at_separator or cursor.next_message():
        cursor.line()
        line = cursor.lines
        headers, at_separator = cursor.header_block() or _header_lines(cursor)
        yield RawMessage(line, headers if wanted is None else _only(headers, wanted))


def _header_lines(cursor: _Cursor) -> tuple[bytes, bool]:
    """Headers read line by line, for blocks that straddle a read or are huge; as `header_block`."""
    parts: list[bytes] = []
    size = 0
    while not cursor.startswith(b"From "):
        line = cursor.line()
        if line in (b"", b"\n", b"\r\n"):
            return b"".join(parts), False
        if size < _HEADER_LIMIT:
            parts.append(line)
            size += len(line)
    return b"".join(parts), True


def _only(block: bytes, wanted: frozenset[bytes]) -> bytes:
    """The lines of the wanted headers, with their folded continuation lines."""
    kept: list[bytes] = []
    keep = True
    lines = block.split(b"\n")
    if not lines[-1]:
        lines.pop()
    for line in lines:
        if line[:1] not in (b" ", b"\t"):
            keep = line.partition(b":")[0].strip().lower() in wanted
        if keep:
            kept.append(line)
    return b"\n".join(kept) + b"\n" if kept else b""


class _Cursor:
    """A position in a binary stream read in blocks: lines for headers, a fast skip for bodies.

    Skipping a body is a `bytes.find` for the next separator and a `bytes.count` of the lines
    passed, so long messages cost almost nothing and memory stays at about one block.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        # A line break before the file, so a blank first line counts as one before a separator.
        self._buf = b"\n"
        self._pos = 1
        self._eof = False
        self.lines = 0  # lines wholly read so far: the number of the last one

    def startswith(self, prefix: bytes) -> bool:
        while len(self._buf) - self._pos < len(prefix) and self._fill():
            pass
        return self._buf.startswith(prefix, self._pos)

    def line(self) -> bytes:
        """The next line, cut at _LINE_LIMIT (the rest is read past); b"" at the end."""
        end = self._buf.find(b"\n", self._pos)
        while end < 0 and len(self._buf) - self._pos < _LINE_LIMIT and self._fill():
            end = self._buf.find(b"\n", self._pos)
        if 0 <= end < self._pos + _LINE_LIMIT:
            line, self._pos = self._buf[self._pos : end + 1], end + 1
        else:
            line = self._buf[self._pos : self._pos + _LINE_LIMIT]
            self._pos += len(line)
            self._skip_line()
        self.lines += 1 if line else 0
        return line

    def header_block(self) -> tuple[bytes, bool] | None:
        """The headers up to the blank line, and True if a `From ` line cut them short.

        Found with `bytes.find` when they lie in the buffer; None otherwise.
        """
        buf, start = self._buf, self._pos
        blank = buf.find(b"\n\n", start - 1, start + _HEADER_LIMIT)
        limit = start + _HEADER_LIMIT if blank < 0 else blank + 1
        dos = buf.find(b"\n\r\n", start - 1, limit + 2)
        blank = dos if 0 <= dos < blank or blank < 0 else blank
        cut = buf.find(b"\nFrom ", start - 1, (limit if blank < 0 else blank) + 6)
        end = cut if 0 <= cut < blank or blank < 0 else blank
        if end < 0:
            return None
        self._pos = end + 1
        self.lines += buf.count(b"\n", start, self._pos)
        if end == cut:
            return buf[start : end + 1], True
        self._pos += 1 if buf[end + 1] == 10 else 2  # past the blank line
        self.lines += 1
        return buf[start : end + 1], False

    def next_message(self) -> bool:
        """Move to the next `From ` line that follows a blank line; False at the end."""
        while (found := self._separator()) < 0:
            stop = max(self._pos, len(self._buf) - 8)  # a separator may straddle two blocks
            self.lines += self._buf.count(b"\n", self._pos, stop)
            self._pos = stop
            if not self._fill():
                self.lines += self._buf.count(b"\n", self._pos)
                self._pos = len(self._buf)
                return False
        self.lines += self._buf.count(b"\n", self._pos, found)
        self._pos = found
        return True

    def _separator(self) -> int:
        """Where the next separator starts, looking back over the line break just read.

        The CRLF form is searched only up to the LF hit, so each search stays within a message.
        """
        unix = self._buf.find(b"\n\nFrom ", max(self._pos - 2, 0))
        limit = len(self._buf) if unix < 0 else unix + 3
        dos = self._buf.find(b"\n\r\nFrom ", max(self._pos - 3, 0), limit + 8)
        hits = [i + n for i, n in ((unix, 2), (dos, 3)) if i >= 0]
        return min(hits, default=-1)

    def _skip_line(self) -> None:
        while (end := self._buf.find(b"\n", self._pos)) < 0:
            self._pos = len(self._buf)
            if not self._fill():
                return
        self._pos = end + 1

    def _fill(self) -> bool:
        """Read another block, keeping three bytes behind the position for `_separator`."""
        data = b"" if self._eof else self._stream.read(_BLOCK)
        if not data:
            self._eof = True
            return False
        keep = max(self._pos - 3, 0)
        self._buf = self._buf[keep:] + data
        self._pos -= keep
        return True


def _check_start(path: Path, head: bytes) -> None:
    """An empty file is an empty mailbox; anything else must open with a `From ` line."""
    if not head or head.startswith(b"From "):
        return
    if head.startswith(b"\x1f\x8b"):
        problem = "is gzip-compressed; decompress it first"
    elif head.startswith(b"PK\x03\x04"):
        problem = "is a zip archive; extract the .mbox file from it first"
    elif b"\x00" in head:
        problem = "is binary data, not an mbox"
    elif re.match(rb"[A-Za-z0-9-]+:[ \t]", head):  # `Received: …`, not `BEGIN:VCARD`
        problem = "looks like a single e-mail (.eml), not an mbox: it has no 'From ' line"
    else:
        problem = "is not an mbox: the first line does not start with 'From '"
    raise MalformedFile(path, 1, problem)


@dataclass(frozen=True)
class _Mail:
    at: datetime
    sender: tuple[str, str | None]
    recipients: list[tuple[str, str | None]]
    subject: str | None
    external_id: str


def _add_message(
    raw: RawMessage,
    list_threshold: int,
    batch: Batch,
    people: Acquaintances,
    seen: dict[str, int],
    window: Window,
) -> None:
    mail = _read_mail(raw, list_threshold)
    if not isinstance(mail, str) and not window.holds(mail.at):
        mail = f"outside the import window ({window.describe()})"
    if isinstance(mail, str):
        batch.skipped.append(Skip(raw.line, mail))
        return
    if (first := seen.setdefault(mail.external_id, raw.line)) != raw.line:
        batch.skipped.append(Skip(raw.line, f"duplicate of the message at line {first}"))
        return
    keys = people.gather(dict([mail.sender, *mail.recipients]), raw.line, tie_limit=list_threshold)
    batch.interactions.append(
        InteractionRecord(
            kind="email",
            at=mail.at,
            participants=keys,
            line=raw.line,
            initiated_by=mail.sender[0],
            note=mail.subject,
            external_id=mail.external_id,
        )
    )


def _read_mail(raw: RawMessage, list_threshold: int) -> _Mail | str:
    """The message's facts, or why it is skipped."""
    headers = _headers(raw.headers)
    if (list_reason := _list_header(headers)) is not None:
        return f"mailing list ({list_reason})"
    senders = _addresses(headers.get("from", []))
    if not senders:
        return "no sender address (From)"
    at = _date(headers.get("date", []))
    if isinstance(at, str):
        return at
    copied = _addresses(headers.get("to", []) + headers.get("cc", []))
    recipients = list({a: n for a, n in copied if a != senders[0][0]}.items())
    if len(recipients) > list_threshold:
        return f"mailing list ({len(recipients)} recipients, more than {list_threshold})"
    if not recipients:
        return "no recipient addresses (To, Cc)"
    subject = _decode(headers["subject"][0]).strip() if "subject" in headers else ""
    message_id = headers.get("message-id", [""])[0].strip().strip("<>").strip()
    external_id = f"mbox:{message_id}" if message_id else _hashed_id(raw.headers)
    return _Mail(at, senders[0], recipients, subject or None, external_id)


def _headers(block: bytes) -> dict[str, list[str]]:
    """The headers' raw values by lower-case name, unfolded, undecodable bytes replaced.

    Values come from `raw_items`, not the policy's structured headers: those parse every
    address list with the full RFC 5322 grammar, several times slower than `getaddresses`.
    """
    message: Message = _PARSER.parsebytes(block)
    found: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        if not value.isascii():  # 8-bit bytes arrive as surrogates: decode them as UTF-8
            value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if "\n" in value:
            value = value.replace("\r", "").replace("\n", "")
        found.setdefault(name.lower(), []).append(value)
    return found


def _list_header(headers: dict[str, list[str]]) -> str | None:
    if "list-id" in headers:
        return "List-Id"
    if "list-unsubscribe" in headers:
        return "List-Unsubscribe"
    precedence = headers.get("precedence", [""])[0].strip().lower()
    return f"Precedence: {precedence}" if precedence in _BULK else None


def _addresses(values: list[str]) -> list[tuple[str, str | None]]:
    """(address, display name) pairs; text that is not an address is dropped."""
    return [pair for value in values for pair in _address_field(value)]


@lru_cache(maxsize=8192)
def _address_field(value: str) -> tuple[tuple[str, str | None], ...]:
    """One header's addresses, cached: a mailbox repeats the same From and To lines a lot."""
    found: list[tuple[str, str | None]] = []
    for name, raw in _simple_addresses(value) or getaddresses([value]):
        address = plain_address(raw)
        if address is not None:
            found.append((address, display_name(_decode(name))))
    return tuple(found)


def _simple_addresses(value: str) -> list[tuple[str, str]] | None:
    """The common `Name <a@b>, c@d` lists, split fast; None sends anything else to getaddresses.

    Without quotes, comments, escapes or groups, a comma can only separate addresses, so a
    split is exact; the full parser costs about 50 µs a header, most of the import's time.
    """
    if _SPECIAL.search(value):
        return None
    pairs: list[tuple[str, str]] = []
    for piece in value.split(","):
        if (match := _ANGLE.fullmatch(piece)) is not None:
            pairs.append((match[1], match[2]))
        elif (match := _BARE.fullmatch(piece)) is not None:
            pairs.append(("", match[1]))
        elif piece.strip():
            return None
    return pairs


def _decode(text: str) -> str:
    """Decode RFC 2047 encoded words (`=?utf-8?q?…?=`); a bad charset leaves the text as is."""
    if "=?" not in text:
        return text
    try:
        return str(make_header(decode_header(text)))
    except (LookupError, ValueError, UnicodeError, AssertionError, MessageError):
        return text


def _date(values: list[str]) -> datetime | str:
    if not values or not values[0].strip():
        return "no date (Date)"
    try:
        at = parsedate_to_datetime(values[0])
        # A "-0000" zone means "UTC, origin unknown"; Python returns it naive.
        return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    except (ValueError, TypeError, IndexError, OverflowError):
        return f"unreadable date: {values[0].strip()[:60]!r}"


def _hashed_id(block: bytes) -> str:
    """A stable id for a message without Message-ID, so re-importing it changes nothing."""
    return f"mbox:sha256:{hashlib.sha256(block).hexdigest()[:32]}"
