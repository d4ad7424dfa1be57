from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from goodword.errors import Ambiguous, Conflict, InvalidInput, NotFound
from goodword.people.models import ContactKind
from goodword.people.queries import count_people, resolve_person, search_people
from goodword.people.schemas import PersonSummary
from goodword.people.service import PersonFields, add_note, create_person, edit_person


def add(session: Session, name: str, **kwargs: object) -> int:
    return create_person(session, fields=PersonFields(name=name, **kwargs)).id  # type: ignore[arg-type]


def test_handles_are_normalised_so_the_same_address_is_one_handle(session: Session) -> None:
    pid = add(session, "Ann Lee", emails=["Ann@Example.COM"], phones=["(415) 555-0100"])
    summary = PersonSummary.of(resolve_person(session, "ann@example.com"))
    assert summary.id == pid
    assert summary.emails == ["ann@example.com"]
    assert summary.phones == ["+14155550100"]


def test_an_email_that_belongs_to_someone_else_is_a_conflict(session: Session) -> None:
    add(session, "Ann Lee", emails=["ann@example.com"])
    with pytest.raises(Conflict, match="already belongs to Ann Lee"):
        add(session, "Ann Other", emails=["ANN@example.com"])


def test_a_bad_email_is_invalid_input(session: Session) -> None:
    with pytest.raises(InvalidInput, match="not a valid e-mail"):
        add(session, "Ann Lee", emails=["ann-at-example"])


def test_ambiguous_name_lists_every_candidate(session: Session) -> None:
    ann, annie = add(session, "Ann Lee"), add(session, "Annie Park")
    with pytest.raises(Ambiguous) as caught:
        resolve_person(session, "ann")
    assert f"#{ann}" in str(caught.value)
    assert f"#{annie}" in str(caught.value)


def test_a_typo_finds_the_unique_close_name(session: Session) -> None:
    pid = add(session, "Margaret Thornton")
    assert resolve_person(session, "Margret Thornton").id == pid


def test_an_unknown_name_suggests_near_matches(session: Session) -> None:
    add(session, "Margaret Thornton")
    with pytest.raises(NotFound, match="Did you mean Margaret Thornton"):
        resolve_person(session, "Margo Thorn")


def test_me_names_the_owner(session: Session) -> None:
    assert resolve_person(session, "me").is_me


def test_new_org_ends_the_current_job_and_keeps_it_as_history(session: Session) -> None:
    pid = add(session, "Ann Lee", org="Acme", title="CFO")
    person = resolve_person(session, str(pid))
    edit_person(session, person=person, fields=PersonFields(org="Globex", title="CEO"))
    assert [(e.org.name, e.ended_on is None) for e in person.employments] == [
        ("Acme", False),
        ("Globex", True),
    ]
    assert PersonSummary.of(person).org == "Globex"


def test_search_matches_org_tag_and_email(session: Session) -> None:
    ann = add(session, "Ann Lee", emails=["ann@acme.io"], org="Acme", tags=["Founder"])
    add(session, "Bob Stone", org="Globex")
    for query in ("acme", "founder", "ann@"):
        assert [p.id for p in search_people(session, query=query)] == [ann]
    assert [p.id for p in search_people(session, tag="founder")] == [ann]


def test_text_pasted_decomposed_finds_what_was_stored_composed(session: Session) -> None:
    lea = add(session, "Léa Núñez", emails=["léa@example.com"], tags=["café"])
    assert resolve_person(session, "Le\u0301a Nu\u0301n\u0303ez").id == lea
    assert resolve_person(session, "le\u0301a@example.com").id == lea
    assert [p.id for p in search_people(session, query="nu\u0301n\u0303")] == [lea]
    assert [p.id for p in search_people(session, tag="Cafe\u0301")] == [lea]


def test_a_title_needs_no_organisation(session: Session) -> None:
    pid = add(session, "Sara Quinn", title="Relationship Manager")
    summary = PersonSummary.of(resolve_person(session, str(pid)))
    assert (summary.org, summary.title) == (None, "Relationship Manager")


def test_a_title_alone_is_set_and_changed_without_an_organisation(session: Session) -> None:
    person = resolve_person(session, str(add(session, "Sara Quinn")))
    edit_person(session, person=person, fields=PersonFields(title="Coach"))
    edit_person(session, person=person, fields=PersonFields(title="Executive Coach"))
    assert [(e.org, e.title, e.ended_on) for e in person.employments] == [
        (None, "Executive Coach", None)
    ]


def test_an_organisation_completes_a_title_held_at_none(session: Session) -> None:
    person = resolve_person(session, str(add(session, "Sara Quinn", title="Coach")))
    edit_person(session, person=person, fields=PersonFields(org="Acme"))
    [job] = person.employments
    assert (job.org.name if job.org else None, job.title, job.ended_on) == ("Acme", "Coach", None)


def test_an_organisation_contact_belongs_to_the_organisation_of_its_name(
    session: Session,
) -> None:
    pid = add(session, "Acme Ltd", kind=ContactKind.ORGANISATION, emails=["info@acme.example"])
    add(session, "Ann Lee", org="Acme Ltd")
    summary = PersonSummary.of(resolve_person(session, "info@acme.example"))
    assert (summary.id, summary.kind, summary.org) == (pid, ContactKind.ORGANISATION, "Acme Ltd")
    assert summary.model_dump(mode="json")["kind"] == "organisation"
    assert {p.name for p in search_people(session, query="acme")} == {"Acme Ltd", "Ann Lee"}
    assert PersonSummary.of(resolve_person(session, "Ann Lee")).kind == ContactKind.PERSON


@pytest.mark.parametrize("ref", ["siobhan", "SIOBHAN O'CONNOR", "Siobhán", "o'connor"])
def test_a_name_is_found_ignoring_case_and_accents(session: Session, ref: str) -> None:
    pid = add(session, "Siobhán O'Connor")
    add(session, "Dev Raman")
    assert resolve_person(session, ref).id == pid


@pytest.mark.parametrize("ref", ["αθηνα ηλιοπουλου", "ΑΘΗΝΑ", "Ἀθηνᾶ", "ωιδειον"])
def test_a_polytonic_greek_name_is_found_without_its_breathings_and_accents(
    session: Session, ref: str
) -> None:
    pid = add(session, "Ἀθηνᾶ Ἡλιοπούλου", city="ᾨδεῖον")
    add(session, "Dev Raman")
    assert [p.id for p in search_people(session, query=ref)] == [pid]


def test_a_name_typed_exactly_wins_over_one_differing_only_in_accents(session: Session) -> None:
    accented = add(session, "José Álvarez")
    add(session, "Jose Alvarez")
    assert resolve_person(session, "José Álvarez").id == accented


def test_a_misspelt_accented_name_finds_the_one_close_name(session: Session) -> None:
    pid = add(session, "Zoë Brontë-Halloway")
    assert resolve_person(session, "Zoe Bronte Haloway").id == pid


def test_search_matches_title_city_country_and_notes(session: Session) -> None:
    ann = add(session, "Ann Lee", title="Head of Partnerships", city="Malmö", country="Sweden")
    bob = add(session, "Bob Stone", org="Globex", city="Leeds")
    add_note(session, person=resolve_person(session, str(bob)), body="Plays squash on Fridays")
    for query, wanted in [
        ("partnerships", ann),
        ("malmo", ann),
        ("SWEDEN", ann),
        ("leeds", bob),
        ("squash", bob),
    ]:
        assert [p.id for p in search_people(session, query=query)] == [wanted], query


def test_search_sorts_names_ignoring_case_and_accents(session: Session) -> None:
    for name in ("zoe Young", "Émile Zola", "adam Smith", "Bea North"):
        add(session, name)
    found = [p.name for p in search_people(session) if not p.is_me]
    assert found == ["adam Smith", "Bea North", "Émile Zola", "zoe Young"]


def test_count_people_counts_every_match_beyond_the_limit(session: Session) -> None:
    for n in range(5):
        add(session, f"Person {n}", city="Manchester")
    add(session, "Somebody Else", city="Leeds")
    assert len(search_people(session, query="manchester", limit=2)) == 2
    assert count_people(session, query="manchester") == 5
