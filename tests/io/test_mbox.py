"""Mail → interactions: an mbox built here yields the expected e-mails, people and ties.

The scanner is checked against a plain line-by-line reading of the same rules, over random
mailboxes and tiny read blocks, so the fast block skipping cannot drift from the format.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodword.io import mbox
from goodword.io.errors import MalformedFile
from goodword.io.mbox import RawMessage, parse_mbox, scan_messages
from goodword.io.records import Batch, InteractionRecord
from goodword.io.window import Window
from goodword.text import name_from_address

ANN, BOB, CAROL = "ann@example.com", "bob@example.org", "carol@example.net"
JOSE = "jose@example.es"


def mail(sender_line: str, headers: list[str], body: str = "Hello.\n") -> str:
    """One mbox message: the `From ` separator, headers, a blank line, the body, a blank line."""
    body = body if body.endswith("\n") else body + "\n"
    return f"From {sender_line} Mon Mar  4 09:00:00 2024\n" + "\n".join(headers) + f"\n\n{body}\n"


THIRTY = ", ".join(f"member{i}@example.com" for i in range(30))
MESSAGES = [
    mail(  # 1: a first message with a cc
        ANN,
        [
            "From: Ann Lee <Ann@Example.com>",
            f"To: Bob Stone <{BOB}>",
            f"Cc: {CAROL}",
            "Subject: Lunch?",
            "Date: Mon, 4 Mar 2024 10:00:00 +0100",
            "Message-ID: <m1@example.com>",
        ],
        "Shall we?\n\n>From the top: noon works.\n",
    ),
    mail(  # 2: the reply, folded To and quoted display name
        BOB,
        [
            f'From: "Stone, Bob" <{BOB}>',
            "To: Ann Lee",
            " <ann@example.com>",
            "Subject: Re: Lunch?",
            "Date: Mon, 4 Mar 2024 11:30:00 +0100",
            "Message-ID: <m2@example.org>",
            "In-Reply-To: <m1@example.com>",
            "References: <m1@example.com>",
        ],
    ),
    mail(  # 3: a mailing-list post
        "list@lists.example.org",
        [
            "From: Weekly News <news@lists.example.org>",
            f"To: {ANN}",
            "List-Id: <news.lists.example.org>",
            "Subject: This week",
            "Date: Tue, 5 Mar 2024 08:00:00 +0000",
            "Message-ID: <n1@lists.example.org>",
        ],
    ),
    mail(  # 4: thirty recipients
        ANN,
        [
            f"From: {ANN}",
            f"To: {THIRTY}",
            "Subject: Party",
            "Date: Tue, 5 Mar 2024 09:00:00 +0000",
            "Message-ID: <p1@example.com>",
        ],
    ),
    mail(  # 5: no Date
        BOB,
        [f"From: {BOB}", f"To: {ANN}", "Subject: undated", "Message-ID: <u1@example.org>"],
    ),
    mail(  # 6: encoded-word names and subject, no Message-ID
        JOSE,
        [
            f"From: =?utf-8?q?Jos=C3=A9_Mu=C3=B1oz?= <{JOSE}>",
            f"To: {ANN}, =?utf-8?b?Q2Fyb2wgRMOtYXo=?= <{CAROL}>",
            "Subject: =?utf-8?q?Caf=C3=A9_on_Friday?=",
            "Date: Wed, 6 Mar 2024 16:45:00 -0500",
        ],
    ),
    mail(  # 7: bulk mail
        "promo@shop.example",
        [
            "From: promo@shop.example",
            f"To: {ANN}",
            "Precedence: bulk",
            "Subject: Sale",
            "Date: Wed, 6 Mar 2024 17:00:00 +0000",
        ],
    ),
    mail(  # 8: the first message again (the same mail in two folders)
        ANN,
        [
            f"From: {ANN}",
            f"To: {BOB}",
            "Subject: Lunch?",
            "Date: Mon, 4 Mar 2024 10:00:00 +0100",
            "Message-ID: <m1@example.com>",
        ],
    ),
    mail(  # 9: a message with an unreadable date
        CAROL,
        [f"From: {CAROL}", f"To: {ANN}", "Date: sometime soon", "Message-ID: <d1@example.net>"],
    ),
]
MBOX = "".join(MESSAGES)
LINES = list(itertools.accumulate([1] + [m.count("\n") for m in MESSAGES[:-1]]))


@pytest.fixture
def mailbox(tmp_path: Path) -> Batch:
    path = tmp_path / "mail.mbox"
    path.write_text(MBOX, encoding="utf-8")
    return parse_mbox(path)


def by_line(batch: Batch) -> dict[int, InteractionRecord]:
    return {m.line: m for m in batch.interactions}


def test_each_kept_message_is_an_email_interaction(mailbox: Batch) -> None:
    mails = by_line(mailbox)
    assert sorted(mails) == [LINES[0], LINES[1], LINES[5]]
    first = mails[LINES[0]]
    assert first.kind == "email"
    assert first.participants == [ANN, BOB, CAROL]
    assert first.initiated_by == ANN
    assert first.note == "Lunch?"
    assert first.at == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    assert first.external_id == "mbox:m1@example.com"


def test_a_reply_is_initiated_by_its_sender_so_the_thread_goes_both_ways(mailbox: Batch) -> None:
    reply = by_line(mailbox)[LINES[1]]
    assert reply.participants == [BOB, ANN]
    assert reply.initiated_by == BOB
    assert reply.note == "Re: Lunch?"
    assert {m.initiated_by for m in mailbox.interactions if ANN in m.participants} >= {ANN, BOB}


def test_encoded_words_are_decoded_and_a_missing_message_id_is_hashed(mailbox: Batch) -> None:
    cafe = by_line(mailbox)[LINES[5]]
    assert cafe.note == "Café on Friday"
    assert cafe.at == datetime(2024, 3, 6, 21, 45, tzinfo=UTC)
    assert cafe.external_id is not None
    assert cafe.external_id.startswith("mbox:sha256:")
    names = {p.key: p.name for p in mailbox.people}
    assert names[JOSE] == "José Muñoz"


def test_people_are_named_by_display_name_else_by_address(mailbox: Batch) -> None:
    people = {p.key: p for p in mailbox.people}
    assert set(people) == {ANN, BOB, CAROL, JOSE}
    assert people[ANN].name == "Ann Lee"
    assert people[BOB].name == "Bob Stone"  # the first name given wins
    # Carol's first mail gives no name; a later one does, and wins over the derived one.
    assert people[CAROL].name == "Carol Díaz"
    assert people[CAROL].line == LINES[0]
    assert people[JOSE].line == LINES[5]
    assert [(h.kind, h.value) for h in people[ANN].handles] == [("email", ANN)]


def test_skipped_messages_say_why(mailbox: Batch) -> None:
    assert [(s.line, s.reason) for s in mailbox.skipped] == [
        (LINES[2], "mailing list (List-Id)"),
        (LINES[3], "mailing list (30 recipients, more than 10)"),
        (LINES[4], "no date (Date)"),
        (LINES[6], "mailing list (Precedence: bulk)"),
        (LINES[7], f"duplicate of the message at line {LINES[0]}"),
        (LINES[8], "unreadable date: 'sometime soon'"),
    ]
    keys = {p.key for p in mailbox.people}
    assert "news@lists.example.org" not in keys
    assert "member0@example.com" not in keys


def test_people_on_the_same_mail_get_one_weak_tie_per_pair(mailbox: Batch) -> None:
    ties = {(t.a, t.b): t for t in mailbox.ties}
    assert set(ties) == {(ANN, BOB), (ANN, CAROL), (BOB, CAROL), (ANN, JOSE), (CAROL, JOSE)}
    assert ties[(ANN, BOB)].line == LINES[0]
    assert all(t.source == "inferred" for t in mailbox.ties)
    assert all(t.kind == "knows" for t in mailbox.ties)
    assert all(t.strength is None for t in mailbox.ties)


def test_the_recipient_threshold_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "mail.mbox"
    path.write_text(MBOX, encoding="utf-8")
    batch = parse_mbox(path, list_threshold=1)
    # The copy of the first message, to Bob alone, is no longer a duplicate of a kept one.
    assert [m.line for m in batch.interactions] == [LINES[1], LINES[7]]
    assert (LINES[0], "mailing list (2 recipients, more than 1)") in {
        (s.line, s.reason) for s in batch.skipped
    }


def test_crlf_line_ends_and_8bit_headers_are_read(tmp_path: Path) -> None:
    path = tmp_path / "mail.mbox"
    latin = mail(ANN, [f"From: {ANN}", f"To: {BOB}", "Subject: Caf\xe9", "Date: 1 Mar 2024 09:00"])
    crlf = MBOX.replace("\n", "\r\n").encode() + latin.replace("\n", "\r\n").encode("latin-1")
    path.write_bytes(crlf)
    batch = parse_mbox(path)
    last = MBOX.count("\n") + 1
    assert [m.line for m in batch.interactions] == [LINES[0], LINES[1], LINES[5], last]
    assert batch.interactions[-1].note == "Caf\ufffd"
    assert batch.interactions[0].participants == [ANN, BOB, CAROL]


def test_since_and_until_skip_mail_outside_them_with_the_reason(tmp_path: Path) -> None:
    old = mail(ANN, [f"From: {ANN}", f"To: {BOB}", "Date: Tue, 4 Jun 2019 09:00:00 +0000"])
    path = tmp_path / "mail.mbox"
    path.write_text(old + MBOX, encoding="utf-8")
    lines = [1, *(line + old.count("\n") for line in LINES)]

    everything = parse_mbox(path)
    recent = parse_mbox(path, window=Window.of_days(since=date(2024, 3, 4)))
    early = parse_mbox(path, window=Window.of_days(until=date(2024, 3, 4)))

    assert [m.line for m in everything.interactions] == [lines[0], lines[1], lines[2], lines[6]]
    assert [m.line for m in recent.interactions] == [lines[1], lines[2], lines[6]]
    assert (1, "outside the import window (from 2024-03-04)") in {
        (s.line, s.reason) for s in recent.skipped
    }
    # The 4 March mails sent in the morning of the 4th, in UTC, still count as the 4th.
    assert [m.line for m in early.interactions] == [lines[0], lines[1], lines[2]]
    assert (lines[6], "outside the import window (up to 2024-03-04)") in {
        (s.line, s.reason) for s in early.skipped
    }


def test_an_empty_file_is_an_empty_mailbox(tmp_path: Path) -> None:
    path = tmp_path / "empty.mbox"
    path.write_bytes(b"")
    assert parse_mbox(path) == Batch()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x1f\x8b\x08\x00compressed", "gzip"),
        (b"PK\x03\x04zipped", "zip archive"),
        (b"\x00\x01\x02\xff" * 64, "binary data"),
        (b"Return-Path: <ann@example.com>\nFrom: ann@example.com\n\nHi\n", "single e-mail"),
        (b"Dear Ann,\nFrom me to you.\n", "first line does not start with 'From '"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\n", "first line does not start with 'From '"),
    ],
)
def test_files_that_are_not_mailboxes_are_rejected(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "not.mbox"
    path.write_bytes(content)
    with pytest.raises(MalformedFile) as caught:
        parse_mbox(path)
    assert caught.value.line == 1
    assert words in caught.value.problem


def test_a_missing_file_is_a_malformed_file(tmp_path: Path) -> None:
    with pytest.raises(MalformedFile, match="cannot be read"):
        parse_mbox(tmp_path / "nope.mbox")


class EndlessMailbox:
    """A mailbox that never ends: only a streaming reader can take messages from it."""

    def __init__(self) -> None:
        self.messages = (mail(ANN, [f"Subject: {n}"], "x" * 5000) for n in itertools.count())
        self.pending = b""
        self.served = 0

    def read(self, size: int) -> bytes:
        pieces = [self.pending]
        while sum(map(len, pieces)) < size:
            pieces.append(next(self.messages).encode())
        self.pending = b"".join(pieces)
        chunk, self.pending = self.pending[:size], self.pending[size:]
        self.served += size
        return chunk


def test_messages_are_streamed_one_at_a_time() -> None:
    stream = EndlessMailbox()
    first = list(itertools.islice(scan_messages(cast(BinaryIO, stream)), 3))
    assert [m.headers for m in first] == [b"Subject: 0\n", b"Subject: 1\n", b"Subject: 2\n"]
    assert [m.line for m in first] == [1, 6, 11]
    assert stream.served < 4 * (1 << 20)


def test_bodies_are_never_kept_and_long_lines_do_not_shift_line_numbers() -> None:
    text = mail(ANN, ["Subject: a", "X-Huge: " + "y" * 200_000], "z" * 300_000) + MBOX
    found = list(scan_messages(io.BytesIO(text.encode()), frozenset({b"subject"})))
    assert found[0] == RawMessage(1, b"Subject: a\n")
    assert [m.line for m in found[1:]] == [n + 6 for n in LINES]


def reference_scan(data: bytes) -> Iterator[RawMessage]:
    """The mbox rules read line by line: the plain version the scanner must agree with."""
    start, in_headers, blank_before = 0, False, True
    parts: list[bytes] = []
    for number, line in enumerate(io.BytesIO(data), 1):
        if line.startswith(b"From ") and (blank_before or in_headers):
            if in_headers:
                yield RawMessage(start, b"".join(parts))
            start, in_headers, parts = number, True, []
        elif in_headers and line in (b"\n", b"\r\n"):
            yield RawMessage(start, b"".join(parts))
            in_headers = False
        elif in_headers:
            parts.append(line)
        blank_before = line in (b"\n", b"\r\n")
    if in_headers:
        yield RawMessage(start, b"".join(parts))


LINE_PIECES = [b"From a\n", b"From b", b"\n", b"\r\n", b"X: 1\n", b"body\n", b">From c\n", b"F"]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(LINE_PIECES), max_size=40),
    block=st.sampled_from([1, 2, 3, 5, 8, 64, 1 << 20]),
)
def test_the_scanner_agrees_with_a_line_by_line_reading(pieces: list[bytes], block: int) -> None:
    data = b"".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mbox, "_BLOCK", block)
        assert list(scan_messages(io.BytesIO(data))) == list(reference_scan(data))


def test_names_are_derived_from_the_local_part() -> None:
    assert name_from_address("ann.lee@example.com") == "Ann Lee"
    assert name_from_address("mary_o-neil+news@example.com") == "Mary O Neil News"
    assert name_from_address("DeShawn.McKay@example.com") == "DeShawn McKay"


SEED = MBOX.encode()


@st.composite
def damaged_mailboxes(draw: st.DrawFn) -> bytes:
    """The test mailbox with what damage does: cut, bytes flipped, junk and separators spliced."""
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        damage = draw(st.sampled_from(["cut", "flip", "splice"]))
        if damage == "cut":
            del data[at:]
        elif damage == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        else:
            junk = [b"\n", b"\nFrom x\n", b"=?utf-8?q?", b"<", b"\x00\xff", b",", b'"', b"\r"]
            data[at:at] = draw(st.sampled_from(junk))
    return bytes(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=damaged_mailboxes())
def test_damaged_mailboxes_import_or_are_rejected_never_crash(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "damaged.mbox"
    path.write_bytes(content)
    try:
        batch = parse_mbox(path)
    except MalformedFile as error:
        problem = error.problem
    else:
        keys = {p.key for p in batch.people}
        for message in batch.interactions:
            assert set(message.participants) <= keys
            assert message.initiated_by in message.participants
            assert message.at.tzinfo == UTC
        assert all({t.a, t.b} <= keys for t in batch.ties)
        return
    assert problem


PIECES = [*'aZ@.<>,;:"()\\ =?_-\t', "=?utf-8?q?", "=?utf-8?b?", "?=", "é", "\udcff"]
HEADER_TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(HEADER_TEXT, min_size=5, max_size=5))
def test_any_header_text_is_read_or_skipped(
    tmp_path_factory: pytest.TempPathFactory, values: list[str]
) -> None:
    names = ["From", "To", "Cc", "Subject", "Date"]
    headers = [f"{name}: {value}" for name, value in zip(names, values, strict=True)]
    path = tmp_path_factory.mktemp("headers") / "mail.mbox"
    path.write_bytes(mail(ANN, headers).encode("utf-8", "surrogateescape"))
    batch = parse_mbox(path)
    assert len(batch.interactions) + len(batch.skipped) == 1
