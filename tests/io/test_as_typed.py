"""Imports never drop what a user typed: national numbers read in the workspace's country, and
phones, URLs and IM handles that do not parse kept as typed, matched on re-import, exported."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest
import vobject
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.io.apply import import_batch
from goodword.io.archive import export_archive, import_archive
from goodword.io.export import export_csv, export_vcard
from goodword.io.google_csv import parse_google_csv
from goodword.io.report import ImportReport, KeptView
from goodword.io.vcard import parse_vcard
from goodword.people.models import Handle, Person
from goodword.people.queries import search_people
from goodword.people.schemas import PersonSummary, TypedHandle
from goodword.people.service import PersonFields, create_person, set_home_country
from goodword.storage.session import workspace_id
from goodword.workspace import Workspace, open_workspace

ODD_CARD = """BEGIN:VCARD
VERSION:3.0
FN:Ann Lee
EMAIL:ann@acme.example
TEL;TYPE=WORK:+1 415 555 0100
TEL;TYPE=PAGER:pager 1234
URL:our intranet, ask IT
IMPP:Ann on Skype
END:VCARD
"""
ODD_TYPED = [
    TypedHandle(kind="phone", value="pager 1234", label="pager"),
    TypedHandle(kind="url", value="our intranet, ask IT"),
    TypedHandle(kind="im", value="Ann on Skype"),
]


def vcard_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / f"{uuid.uuid4().hex[:8]}.vcf"
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8", newline="")
    return path


def import_vcard(session: Session, path: Path) -> ImportReport:
    report = ImportReport(format="vcard", file=path.name)
    return import_batch(session, batch=parse_vcard(path), report=report)


def everyone(session: Session) -> list[PersonSummary]:
    return [PersonSummary.of(p) for p in search_people(session, limit=None) if not p.is_me]


def stored_handles(session: Session) -> list[tuple[int, str, str, bool, bool]]:
    rows = session.execute(
        select(Handle.person_id, Handle.kind, Handle.value, Handle.is_primary)
        .add_columns(Handle.is_normalised)
        .join(Person, Person.id == Handle.person_id)
        .where(Person.is_me.is_(False), Handle.workspace_id == workspace_id(session))
        .order_by(Handle.id)
    )
    return [
        (pid, kind.value, value, primary, normalised)
        for pid, kind, value, primary, normalised in rows
    ]


def test_a_gb_workspace_reads_national_numbers_in_a_vcard_as_british(
    session: Session, tmp_path: Path
) -> None:
    set_home_country(session, code="GB")
    path = vcard_file(
        tmp_path,
        """BEGIN:VCARD
VERSION:3.0
FN:Priya Shah
TEL;TYPE=WORK:020 7946 0958
TEL;TYPE=CELL:07700 900123
TEL;TYPE=HOME:+1 (415) 555-0100
END:VCARD
""",
    )
    report = import_vcard(session, path)
    assert (report.created, report.skipped, report.kept_as_typed) == (1, 0, [])
    [priya] = everyone(session)
    assert priya.phones == ["+442079460958", "+447700900123", "+14155550100"]
    assert priya.as_typed == []


def test_odd_phone_url_and_im_are_kept_as_typed_and_reported(
    session: Session, tmp_path: Path
) -> None:
    report = import_vcard(session, vcard_file(tmp_path, ODD_CARD))

    assert (report.created, report.skipped) == (1, 0), report
    assert report.kept_as_typed == [
        KeptView(line=1, kind="phone", value="pager 1234"),
        KeptView(line=1, kind="url", value="our intranet, ask IT"),
        KeptView(line=1, kind="im", value="Ann on Skype"),
    ]
    [ann] = everyone(session)
    assert ann.phones == ["+14155550100", "pager 1234"]
    assert (ann.links, ann.ims) == (["our intranet, ask IT"], ["Ann on Skype"])
    assert ann.as_typed == ODD_TYPED


def test_importing_the_same_file_twice_changes_nothing(session: Session, tmp_path: Path) -> None:
    path = vcard_file(tmp_path, ODD_CARD)
    import_vcard(session, path)
    before = stored_handles(session)

    again = import_vcard(session, path)

    assert (again.created, again.merged, again.unchanged) == (0, 0, 1), again
    assert again.kept_as_typed == []
    assert stored_handles(session) == before


def test_a_second_file_with_the_same_odd_phone_merges_into_the_same_person(
    session: Session, tmp_path: Path
) -> None:
    import_vcard(session, vcard_file(tmp_path, ODD_CARD))
    other = vcard_file(
        tmp_path,
        """BEGIN:VCARD
VERSION:4.0
FN:A. Lee
TEL;TYPE=pager:pager 1234
EMAIL:ann.lee@home.example
END:VCARD
""",
    )

    report = import_vcard(session, other)

    assert (report.created, report.merged) == (0, 1), report
    assert report.merges[0].how == "same phone"
    [ann] = everyone(session)
    assert (ann.name, ann.emails) == ("Ann Lee", ["ann@acme.example", "ann.lee@home.example"])


def test_a_value_with_nothing_to_keep_is_still_skipped(session: Session, tmp_path: Path) -> None:
    path = vcard_file(
        tmp_path,
        """BEGIN:VCARD
VERSION:3.0
FN:Ann Lee
TEL;TYPE=WORK:BusinessPhone
TEL;TYPE=HOME:n/a
END:VCARD
""",
    )
    report = import_vcard(session, path)
    assert report.created == 1
    assert [item.reason for item in report.skipped_items] == [
        "phone 'BusinessPhone' is not valid",
        "phone 'n/a' is not valid",
    ]


def odd_person(session: Session) -> None:
    create_person(
        session,
        fields=PersonFields(
            name="Ann Lee",
            emails=["ann@acme.example"],
            phones=["+1 415 555 0100", "pager 1234"],
            links=["our intranet, ask IT"],
            ims=["skype: ann lee"],  # a service, but a handle with a space: as typed
            handle_labels={"pager 1234": "pager"},
        ),
    )


def test_vcard_export_marks_values_kept_as_typed(session: Session) -> None:
    odd_person(session)
    out = io.StringIO(newline="")
    export_vcard(session, out)
    lines = out.getvalue().splitlines()

    assert "TEL;PREF=1:+14155550100" in lines
    assert "TEL;VALUE=text;X-GOODWORD-AS-TYPED=TRUE;TYPE=pager:pager 1234" in lines
    assert "URL;PREF=1;X-GOODWORD-AS-TYPED=TRUE:our intranet\\, ask IT" in lines
    assert "IMPP;PREF=1;X-GOODWORD-AS-TYPED=TRUE:skype: ann lee" in lines
    card = vobject.readOne(out.getvalue())
    assert [tel.value for tel in card.contents["tel"]] == ["+14155550100", "pager 1234"]


def test_csv_export_writes_values_kept_as_typed_as_they_were_typed(session: Session) -> None:
    odd_person(session)
    out = io.StringIO(newline="")
    export_csv(session, out)
    text = out.getvalue()
    assert "+14155550100 ::: pager 1234" not in text  # labelled apart: `pager` and none
    assert "pager 1234" in text
    assert '"our intranet, ask IT"' in text
    assert ",skype: ann lee," in text  # whole, with no service cell beside it


@pytest.mark.parametrize("fmt", ["vcard", "csv"])
def test_values_kept_as_typed_survive_export_and_import(
    workspace: Workspace, tmp_path: Path, fmt: str
) -> None:
    with workspace.transaction() as session:
        odd_person(session)
        [before] = everyone(session)
    path = tmp_path / f"people.{fmt}"
    export, parse = (
        (export_vcard, parse_vcard) if fmt == "vcard" else (export_csv, parse_google_csv)
    )
    with workspace.transaction() as session, path.open("w", encoding="utf-8", newline="") as out:
        export(session, out)
    target = open_workspace(bind=workspace.bind, name=f"copy-{uuid.uuid4().hex[:8]}")

    with target.transaction() as session:
        report = import_batch(
            session, batch=parse(path), report=ImportReport(format=fmt, file=path.name)
        )
        [after] = everyone(session)

    assert (report.created, report.skipped) == (1, 0), report
    assert (after.phones, after.links, after.ims) == (before.phones, before.links, before.ims)
    assert sorted((h.kind, h.value) for h in after.as_typed) == [
        ("im", "skype: ann lee"),
        ("phone", "pager 1234"),
        ("url", "our intranet, ask IT"),
    ]


def test_the_archive_keeps_which_values_were_kept_as_typed(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        odd_person(session)
        archive = export_archive(session)
        before = [
            (kind, value, normalised) for _, kind, value, _, normalised in stored_handles(session)
        ]
    assert {"value": "pager 1234", "is_normalised": False}.items() <= next(
        row for row in archive["tables"]["handle"] if row["value"] == "pager 1234"
    ).items()
    target = open_workspace(bind=workspace.bind, name=f"copy-{uuid.uuid4().hex[:8]}")

    with target.transaction() as session:
        import_archive(session, archive)
        after = [
            (kind, value, normalised) for _, kind, value, _, normalised in stored_handles(session)
        ]

    assert after == before
    assert ("phone", "pager 1234", False) in after
