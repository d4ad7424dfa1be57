"""What goodword exports, goodword imports back: vCard and Google CSV, on real databases.

A network is exported from one workspace and imported into an empty second workspace of the
same database; both are then read back as the exporter's own plain records and compared.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TextIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from conftest import typed_text
from goodword.io.apply import import_batch
from goodword.io.export import MULTI, export_csv, export_vcard, people_records
from goodword.io.google_csv import parse_google_csv
from goodword.io.matching import name_key
from goodword.io.records import AddressRecord, Batch, Handle, PersonRecord
from goodword.io.report import ImportReport
from goodword.io.vcard import parse_vcard
from goodword.people.addresses import PARTS
from goodword.people.models import ContactKind
from goodword.people.service import (
    PersonFields,
    add_address,
    add_note,
    create_person,
    edit_person,
)
from goodword.text import lowered
from goodword.workspace import Workspace, open_workspace

Exporter = Callable[[Session, TextIO], int]
Parser = Callable[[Path], Batch]
FORMATS: dict[str, tuple[Exporter, Parser, str]] = {
    "vcard": (export_vcard, parse_vcard, "people.vcf"),
    "csv": (export_csv, parse_google_csv, "people.csv"),
}


def network(session: Session) -> None:
    """People with several handles and labels, jobs, tags, birthdays, places and notes,
    with the characters the formats must escape (, ; \\ : and line breaks)."""
    ann = create_person(
        session,
        fields=PersonFields(
            name="Ann Marie Lee",
            emails=["ann@acme.io", "ann.lee@home.example"],
            phones=["+1 415 555 0100", "+44 20 7946 0958"],
            linkedin="linkedin.com/in/annlee",
            links=["https://ann.example.com/blog"],
            org="Acme; Sons, Inc.",
            title="CFO, EMEA",
            city="Boston",
            country="US",
            tags=["client", "chamber"],
            birthday=(None, 6, 21),
            handle_labels={"ann@acme.io": "work", "ann.lee@home.example": "home"},
        ),
    )
    add_note(session, person=ann, body="Met at the summit; likes golf")
    add_note(session, person=ann, body="Path: C:\\deals\\2026\nSecond line")
    create_person(
        session,
        fields=PersonFields(
            name="José Núñez",
            emails=["jose@globex.example"],
            org="Globex",
            tags=["prospect"],
            birthday=(1980, 2, 29),
        ),
    )
    bob = create_person(session, fields=PersonFields(name="Bob", phones=["+1 212 555 0199"]))
    edit_person(session, person=bob, fields=PersonFields(country="UK"))


def handles(record: Any) -> list[tuple[str, str]]:
    return sorted((h.kind, h.value) for h in record.handles)


def people(session: Session, *, notes_in_one: bool = False) -> dict[str, dict[str, Any]]:
    """Everyone but the owner, as the exporter sees them; CSV keeps notes in one cell."""
    found: dict[str, dict[str, Any]] = {}
    for record in people_records(session):
        notes = ["\n\n".join(record.notes)] if notes_in_one and record.notes else record.notes
        found[record.name] = {
            "handles": handles(record),
            "job": (record.org, record.title),
            "tags": sorted(record.tags),
            "birthday": record.birthday,
            "place": (record.city, record.country),
            "notes": notes,
        }
    return found


def copy_into_empty_workspace(
    workspace: Workspace, tmp_path: Path, fmt: str
) -> tuple[Workspace, ImportReport]:
    export, parse, name = FORMATS[fmt]
    path = tmp_path / name
    with workspace.transaction() as session, path.open("w", encoding="utf-8", newline="") as out:
        export(session, out)
    target = open_workspace(bind=workspace.bind, name=f"copy-{uuid.uuid4().hex[:8]}")
    report = ImportReport(format=fmt, file=str(path))
    with target.transaction() as session:
        import_batch(session, batch=parse(path), report=report)
    return target, report


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_then_import_into_an_empty_workspace_reproduces_people(
    workspace: Workspace, tmp_path: Path, fmt: str
) -> None:
    with workspace.transaction() as session:
        network(session)
        before = people(session, notes_in_one=fmt == "csv")

    target, report = copy_into_empty_workspace(workspace, tmp_path, fmt)

    assert (report.created, report.merged, report.skipped) == (3, 0, 0), report
    with target.transaction() as session:
        after = people(session)
    assert after.keys() == before.keys()
    for name in before:
        assert after[name] == before[name], name


def test_vcard_round_trip_keeps_handle_labels_and_which_is_primary(
    workspace: Workspace, tmp_path: Path
) -> None:
    with workspace.transaction() as session:
        network(session)

    target, _ = copy_into_empty_workspace(workspace, tmp_path, "vcard")

    with target.transaction() as session:
        [ann] = [r for r in people_records(session) if r.name == "Ann Marie Lee"]
    labelled = {h.value: (h.label, h.preferred) for h in ann.handles if h.kind == "email"}
    assert labelled == {"ann@acme.io": ("work", True), "ann.lee@home.example": ("home", False)}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_importing_the_export_into_the_same_workspace_changes_nothing(
    workspace: Workspace, tmp_path: Path, fmt: str
) -> None:
    """Also for CSV, which joins a person's notes in one cell."""
    export, parse, name = FORMATS[fmt]
    path = tmp_path / name
    with workspace.transaction() as session:
        network(session)
        before = people(session)
        with path.open("w", encoding="utf-8", newline="") as out:
            export(session, out)
    report = ImportReport(format=fmt, file=str(path))
    with workspace.transaction() as session:
        import_batch(session, batch=parse(path), report=report)
        after = people(session)

    assert (report.created, report.merged, report.unchanged) == (0, 0, 3), report
    assert after == before


# --- addresses, nicknames and IM (Google CSV) --------------------------------------------------


def addressed() -> Batch:
    """People with nicknames, labelled IM handles and several addresses, the preferred one
    not the first; a multi-line street, a PO box, and an address with a city alone."""
    cy = PersonRecord(
        key="cy",
        name="Cy Diaz",
        line=1,
        nickname="Cyd",
        handles=[
            Handle("email", "cy@diaz.example"),
            Handle("im", "Skype:cy.diaz", "work", preferred=True),
            Handle("im", "sip:cy@contoso.com", "work"),
            Handle("im", "cyd42", "home"),
            Handle("im", "xmpp:cy@jabber.example", "home"),  # Google calls it Jabber
        ],
        addresses=[
            AddressRecord(
                "work", "PO Box 9", "1 Park Row\nFloor 3\nSuite B", "Leeds", "W Yorks", "LS1", "UK"
            ),
            AddressRecord("home", None, "12 Elm Rd", "York", None, "YO1 7HH", "UK", preferred=True),
            AddressRecord("other", city="Paris"),
        ],
    )
    dee = PersonRecord(key="dee", name="Dee Eng", line=2, nickname="D", handles=[])
    return Batch(people=[cy, dee])


def kept(session: Session) -> dict[str, tuple[Any, ...]]:
    """What the CSV must carry across: nickname, IM handles and addresses."""
    return {
        record.name: (
            record.nickname,
            [(h.value, h.label, h.preferred) for h in record.handles if h.kind == "im"],
            record.addresses,
        )
        for record in people_records(session)
    }


def test_csv_round_trip_keeps_nicknames_addresses_and_im_handles(
    workspace: Workspace, tmp_path: Path
) -> None:
    with workspace.transaction() as session:
        import_batch(session, batch=addressed(), report=ImportReport(format="test", file="-"))
        before = kept(session)
    assert before["Cy Diaz"][2][0].street == "12 Elm Rd"  # the preferred address leads

    target, report = copy_into_empty_workspace(workspace, tmp_path, "csv")

    assert (report.created, report.skipped) == (2, 0), report
    with target.transaction() as session:
        assert kept(session) == before


# --- any text ---------------------------------------------------------------------------------

# Text a user may type: letters in any script, composed or not (stored NFC), digits,
# punctuation the formats escape, and (for notes) line breaks; never control characters, and
# no blank or padded names.
_CHARS = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029"
)
_WORDS = (
    typed_text(_CHARS, min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and MULTI not in s)  # Google's value separator, for CSV cells
)
_NOTES = st.lists(
    typed_text(st.one_of(_CHARS, st.just("\n")), min_size=1, max_size=60)
    .map(lambda s: s.strip())
    .filter(bool),
    max_size=2,
    unique=True,
)


def fitting(limit: int, words: st.SearchStrategy[str] = _WORDS) -> st.SearchStrategy[str]:
    """`words` that fit a column of `limit` characters once NFC (which may lengthen them)."""
    return words.filter(lambda s: len(unicodedata.normalize("NFC", s)) <= limit)


# A handle has no white space; a URI holds no backslash, which vCard readers take for an escape.
_HANDLE = (
    typed_text(_CHARS, min_size=1, max_size=12)
    .map(lambda s: "".join(c for c in s if not c.isspace() and c != "\\"))
    .filter(bool)
)


def survives_csv(tag: str) -> bool:
    """Google CSV labels have no escaping: the importer drops Google's `myContacts` and strips
    its `*` system-group mark. Such tags do not survive a CSV round trip; vCard keeps them all."""
    return not tag.startswith("*") and tag not in ("mycontacts", "my contacts")


@dataclass
class Drawn:
    """One contact with text of any script in every field a person has."""

    name: str
    labels: tuple[str, str, str, str]  # for the e-mail, phone, website and IM handle
    im: str
    path: str  # of the website
    org: str | None
    title: str | None
    industry: str | None
    nickname: str | None
    tags: list[str]
    notes: list[str]
    addresses: list[AddressRecord]


@st.composite
def contacts(draw: st.DrawFn, fmt: str) -> list[Drawn]:
    """Up to three contacts for `fmt`. Google CSV labels are read lower-cased, and a leading
    `*` is Google's mark of the primary one, so labels and tags for CSV are drawn that way."""
    # Distinct to the importer: it takes names equal but for case and accents to be one person.
    names = draw(st.lists(_WORDS, min_size=1, max_size=3, unique_by=name_key))
    tag = _WORDS.map(lowered).filter(survives_csv) if fmt == "csv" else _WORDS
    label = fitting(50, tag)
    part = st.none() | _WORDS
    address = st.builds(
        AddressRecord,
        label=label,
        po_box=part,
        street=st.none() | st.lists(_WORDS, min_size=1, max_size=3).map("\n".join),
        city=part,
        region=part,
        postcode=st.none() | fitting(20),
        country=part,
    ).filter(lambda a: any((a.po_box, a.street, a.city, a.region, a.postcode, a.country)))
    return [
        Drawn(
            name=name,
            labels=draw(st.tuples(label, label, label, label)),
            im=draw(_HANDLE),
            path=draw(_HANDLE),
            org=draw(part),
            title=draw(part),
            industry=draw(part),
            nickname=draw(part),
            tags=draw(st.lists(tag, max_size=3)),
            notes=draw(_NOTES),
            addresses=draw(st.lists(address, max_size=2)),
        )
        for name in names
    ]


def write(session: Session, n: int, contact: Drawn) -> None:
    """`contact` written through the services, as `person add` and `person edit` do."""
    handles = [f"person{n}@example.com", f"+1 415 555 01{n:02d}"]
    handles += [f"https://example.com/{n}/{contact.path}", f"xmpp:{contact.im}@{n}.example.org"]
    person = create_person(
        session,
        fields=PersonFields(
            name=contact.name,
            emails=[handles[0]],
            phones=[handles[1]],
            links=[handles[2]],
            ims=[handles[3]],
            org=contact.org,
            title=contact.title,
            industry=contact.industry,
            nickname=contact.nickname,
            tags=contact.tags,
            handle_labels=dict(zip(handles, contact.labels, strict=True)),
        ),
    )
    for address in contact.addresses:
        parts = {part: getattr(address, part) for part in PARTS}
        add_address(session, person=person, **parts)
    for note in contact.notes:
        add_note(session, person=person, body=note)


def everything(session: Session, *, fmt: str, notes_in_one: bool = False) -> dict[str, Any]:
    """Everyone but the owner, every field as the exporter sees it, by name. CSV keeps the
    notes in one cell; vCard has no place for the industry."""
    found: dict[str, Any] = {}
    for record in people_records(session):
        notes = ["\n\n".join(record.notes)] if notes_in_one and record.notes else record.notes
        found[record.name] = replace(
            record,
            key="",
            line=0,
            handles=sorted(record.handles, key=lambda h: (h.kind, h.value)),
            tags=sorted(record.tags),
            notes=notes,
            industry=record.industry if fmt == "csv" else None,
        )
    return found


def texts(value: object) -> Iterator[str]:
    """Every string inside `value`: records, their handles and addresses, lists, dicts."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)
    elif is_dataclass(value):
        for item in fields(value):
            yield from texts(getattr(value, item.name))


def assert_stored_nfc(people: dict[str, Any]) -> None:
    """What is stored is NFC, whichever way the text arrived (see `goodword.text.nfc`)."""
    for text in texts(people):
        assert unicodedata.is_normalized("NFC", text), text


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("fmt", list(FORMATS))
@given(data=st.data())
def test_round_trip_keeps_any_text_in_every_field(
    workspace: Workspace,
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
    fmt: str,
) -> None:
    drawn = data.draw(contacts(fmt))
    source = open_workspace(bind=workspace.bind, name=f"src-{uuid.uuid4().hex[:8]}")
    with source.transaction() as session:
        for n, contact in enumerate(drawn):
            write(session, n, contact)
        before = everything(session, fmt=fmt, notes_in_one=fmt == "csv")
    assert_stored_nfc(before)

    folder = tmp_path_factory.mktemp("rt")
    target, report = copy_into_empty_workspace(source, folder, fmt)

    assert report.skipped == 0, report
    with target.transaction() as session:
        assert everything(session, fmt=fmt) == before
    _, parse, name = FORMATS[fmt]
    again = ImportReport(format=fmt, file=name)
    with target.transaction() as session:  # the same file again: everyone is known
        import_batch(session, batch=parse(folder / name), report=again)
        assert everything(session, fmt=fmt) == before
    assert (again.created, again.merged, again.unchanged) == (0, 0, len(drawn)), again


_LABELS = st.text("abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12).map(
    lambda s: " ".join(s.split())
)
_PART = st.none() | _WORDS


@st.composite
def addresses(draw: st.DrawFn) -> list[AddressRecord]:
    """Up to three labelled addresses of any text, a street of up to three lines, one maybe
    preferred; labels are lower-case, as the importer reads them."""
    street = st.none() | st.lists(_WORDS, min_size=1, max_size=3).map("\n".join)
    found = draw(
        st.lists(
            st.builds(
                AddressRecord,
                label=_LABELS.filter(bool),  # none comes back as Google's `Other`
                po_box=_PART,
                street=street,
                city=_PART,
                region=_PART,
                postcode=_PART,
                country=_PART,
            ).filter(lambda a: any((a.po_box, a.street, a.city, a.region, a.postcode, a.country))),
            min_size=1,
            max_size=3,
        )
    )
    preferred = draw(st.none() | st.integers(0, len(found) - 1))
    if preferred is not None:
        found[preferred].preferred = True
    return found


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("fmt", list(FORMATS))
@given(drawn=addresses(), nickname=st.none() | _WORDS)
def test_round_trip_keeps_any_address_text(
    workspace: Workspace,
    tmp_path_factory: pytest.TempPathFactory,
    drawn: list[AddressRecord],
    nickname: str | None,
    fmt: str,
) -> None:
    """Imported, rather than added by hand: the preferred address need not be the first."""
    source = open_workspace(bind=workspace.bind, name=f"src-{uuid.uuid4().hex[:8]}")
    person = PersonRecord(key="p", name="Ann Lee", line=1, nickname=nickname, addresses=drawn)
    with source.transaction() as session:
        import_batch(
            session, batch=Batch(people=[person]), report=ImportReport(format="test", file="-")
        )
        before = kept(session)
    assert_stored_nfc(before)

    target, _ = copy_into_empty_workspace(source, tmp_path_factory.mktemp("rt"), fmt)

    with target.transaction() as session:
        assert kept(session) == before


# --- organisations' own contacts and titles at no organisation -------------------------------


def switchboard_and_freelancer(session: Session) -> None:
    create_person(
        session,
        fields=PersonFields(
            name="Acme Ltd",
            kind=ContactKind.ORGANISATION,
            emails=["info@acme.example"],
            phones=["+44 20 7946 0000"],
        ),
    )
    create_person(
        session,
        fields=PersonFields(
            name="Sara Quinn", emails=["sara@quinn.example"], title="Relationship Manager"
        ),
    )


def kinds_and_jobs(session: Session) -> dict[str, tuple[Any, ...]]:
    return {r.name: (r.kind, r.org, r.title, handles(r), r.notes) for r in people_records(session)}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_organisations_and_titles_at_none_round_trip(
    workspace: Workspace, tmp_path: Path, fmt: str
) -> None:
    with workspace.transaction() as session:
        switchboard_and_freelancer(session)
        before = kinds_and_jobs(session)

    target, report = copy_into_empty_workspace(workspace, tmp_path, fmt)

    assert (report.created, report.skipped) == (2, 0), report
    with target.transaction() as session:
        assert kinds_and_jobs(session) == before
    assert before["Acme Ltd"][:3] == ("organisation", "Acme Ltd", None)
    assert before["Sara Quinn"][:3] == ("person", None, "Relationship Manager")
    _, parse, name = FORMATS[fmt]
    again = ImportReport(format=fmt, file=name)
    with workspace.transaction() as session:
        import_batch(session, batch=parse(tmp_path / name), report=again)
        assert kinds_and_jobs(session) == before
    assert (again.created, again.merged, again.unchanged) == (0, 0, 2), again
