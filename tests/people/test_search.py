"""A person is found by what is known of them right after any write changes it: the stored
search text follows edits, notes, handles, merges, deletions, imports and restores."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.io.apply import import_batch
from goodword.io.archive import export_archive, import_archive
from goodword.io.records import Batch, Handle, PersonRecord
from goodword.io.report import ImportReport
from goodword.people.models import HandleKind, Person
from goodword.people.queries import PeopleFilter, count_people, search_people
from goodword.people.search import trigram_index
from goodword.people.service import (
    PersonFields,
    add_handle,
    add_note,
    create_person,
    delete_note,
    edit_note,
    edit_person,
    tag_person,
)
from goodword.profiles.forget import delete_person
from goodword.profiles.merge import merge_people
from goodword.workspace import Workspace, open_workspace

# FTS5 raises "malformed" when its index and the rows it indexes disagree in any way.
CHECK_INDEX = "INSERT INTO person_search_fts(person_search_fts, rank) VALUES ('integrity-check', 1)"


def found(session: Session, query: str) -> set[str]:
    """Who a query finds, once SQLite's full-text index is checked against the rows."""
    if trigram_index(session.connection()):
        session.execute(text(CHECK_INDEX))
    return {p.name for p in search_people(session, query=query, limit=None, fuzzy=False)}


def test_a_name_that_folds_longer_than_it_is_is_kept_and_found(session: Session) -> None:
    """ß folds to ss: a 200-letter name makes a 400-letter key, cut to what the column holds."""
    create_person(session, fields=PersonFields(name="Strauß" + "ß" * 194))
    session.flush()

    assert found(session, "strausss") == {"Strauß" + "ß" * 194}


def test_edits_notes_handles_and_tags_are_found_at_once(session: Session) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee", org="Acme"))
    note = add_note(session, person=ann, body="Loves sailing")
    add_handle(session, person=ann, kind=HandleKind.EMAIL, value="ann@lighthouse.io")
    tag_person(session, person=ann, tags=["Golfer"])
    assert found(session, "SAILING") == found(session, "lighthouse") == {"Ann Lee"}
    assert found(session, "golf") == {"Ann Lee"}

    edit_note(session, note=note, body="Loves climbing")
    edit_person(session, person=ann, fields=PersonFields(name="Ann Léa", org="Initech"))
    assert found(session, "sailing") == set()
    assert found(session, "climb") == found(session, "initech") == {"Ann Léa"}
    assert found(session, "ann lea") == {"Ann Léa"}  # accents and case folded
    assert count_people(session, only=PeopleFilter(org="acme")) == 0

    delete_note(session, note=note)
    assert found(session, "climbing") == set()


def test_a_match_never_spans_two_fields(session: Session) -> None:
    create_person(session, fields=PersonFields(name="Ann Lee", org="Acme"))
    assert found(session, "lee acme") == set()
    assert found(session, "lee") == {"Ann Lee"}


def test_wildcards_in_a_query_are_taken_literally(session: Session) -> None:
    create_person(session, fields=PersonFields(name="Ann Lee", org="100% Organic"))
    create_person(session, fields=PersonFields(name="Bob Stone", org="1000 Oaks"))
    assert found(session, "100%") == {"Ann Lee"}
    assert found(session, "a_n") == set()


def test_a_merged_person_is_found_by_what_the_other_held(session: Session) -> None:
    keep = create_person(session, fields=PersonFields(name="Ann Lee"))
    other = create_person(
        session, fields=PersonFields(name="A. Lee", emails=["ann@harbour.io"], org="Harbour")
    )
    merge_people(session, keep=keep, other=other)
    assert found(session, "harbour") == {"Ann Lee"}


def test_a_deleted_person_is_no_longer_found(session: Session) -> None:
    ann = create_person(session, fields=PersonFields(name="Ann Lee", org="Acme"))
    delete_person(session, person=ann)
    assert found(session, "acme") == set()
    assert count_people(session, query="ann") == 0


def test_imported_people_are_found(session: Session) -> None:
    batch = Batch(
        people=[
            PersonRecord(key="c1", name="Zoë Roy", line=1, org="Société Générale",
                         handles=[Handle("email", "zoe@sg.fr")], notes=["Met at VivaTech"]),
        ]
    )  # fmt: skip
    import_batch(session, batch=batch, report=ImportReport(format="test", file="f.vcf"))
    assert found(session, "societe") == found(session, "vivatech") == {"Zoë Roy"}
    assert count_people(session, only=PeopleFilter(org="GÉNÉRALE")) == 1


def test_a_restored_archive_is_found(session: Session, workspace: Workspace) -> None:
    create_person(session, fields=PersonFields(name="Ann Lee", org="Acme"))
    archive = export_archive(session)
    import_archive(session, archive, force=True)
    assert found(session, "acme") == {"Ann Lee"}
    assert "person_search" not in archive["tables"]


def test_an_unknown_tier_is_refused(session: Session) -> None:
    with pytest.raises(InvalidInput, match="Unknown tier 'gold'"):
        search_people(session, only=PeopleFilter(tier="gold"))


def test_counting_stops_past_the_cap(session: Session) -> None:
    for n in range(5):
        create_person(session, fields=PersonFields(name=f"Temp {n}"))
    assert count_people(session, query="temp", cap=3) == 4
    assert count_people(session, query="temp") == 5


def test_without_the_trigram_index_people_are_still_found(tmp_path: Path) -> None:
    """An SQLite older than 3.34 has no trigram tokenizer; its database has no index, and a
    search reads the rows themselves."""
    file = str(tmp_path / "old.db")
    engine = open_workspace(file).engine
    with engine.begin() as connection:
        for name in ("person_search_fts_delete", "person_search_fts_update"):
            connection.exec_driver_sql(f"DROP TRIGGER {name}")
        connection.exec_driver_sql("DROP TABLE person_search_fts")
    engine.dispose()
    workspace = open_workspace(file)

    with workspace.transaction() as session:
        ann = create_person(session, fields=PersonFields(name="Ann Lee", org="Lighthouse"))
        add_note(session, person=ann, body="Loves sailing")
    with workspace.transaction() as session:
        edit_person(session, person=ann_again(session), fields=PersonFields(org="Harbour"))
    with workspace.read() as session:
        assert found(session, "sailing") == found(session, "harbour") == {"Ann Lee"}
        assert found(session, "lighthouse") == set()
        assert count_people(session, only=PeopleFilter(org="harb")) == 1
    workspace.engine.dispose()


def ann_again(session: Session) -> Person:
    (ann,) = search_people(session, query="Ann Lee", limit=None, fuzzy=False)
    return ann
