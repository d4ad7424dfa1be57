"""Handles that do not parse are kept as typed; your country reads national phone numbers."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import Conflict, InvalidInput
from goodword.people.handles import HandleValue, read_handle
from goodword.people.models import Handle, HandleKind
from goodword.people.queries import summary_of
from goodword.people.schemas import TypedHandle
from goodword.people.service import PersonFields, create_person, get_owner, set_home_country
from goodword.storage.session import phone_region

PHONE, URL, IM = HandleKind.PHONE, HandleKind.URL, HandleKind.IM


@pytest.mark.parametrize(
    ("kind", "raw", "kept"),
    [
        (PHONE, "pager 1234", "pager 1234"),
        (PHONE, " 1234 ", "1234"),  # a short internal number
        (PHONE, "+1 415 555 0100 ext 22 (Ann)", "+1 415 555 0100 ext 22 (Ann)"),
        (URL, "our  intranet", "our intranet"),
        (IM, "Ann on Skype", "Ann on Skype"),
    ],
)
def test_a_phone_url_or_im_that_does_not_parse_is_kept_as_typed(
    kind: HandleKind, raw: str, kept: str
) -> None:
    assert read_handle(kind, raw) == HandleValue(kept, is_normalised=False)


def test_a_handle_that_parses_is_normalised() -> None:
    assert read_handle(PHONE, "(415) 555-0100") == HandleValue("+14155550100")
    assert read_handle(PHONE, "020 7946 0958", region="GB") == HandleValue("+442079460958")


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (HandleKind.EMAIL, "ann-at-example"),  # an address that does not parse reaches nobody
        (HandleKind.LINKEDIN, "my profile"),
        (PHONE, "   "),
        (PHONE, "BusinessPhone"),  # Outlook's template text: no number at all
        (PHONE, "n/a"),  # kept, it would make everyone who has it one person
        (IM, "aim:"),
        (URL, "http://"),
    ],
)
def test_what_has_nothing_to_keep_is_still_refused(kind: HandleKind, raw: str) -> None:
    with pytest.raises(InvalidInput):
        read_handle(kind, raw)


def test_person_add_keeps_an_odd_phone_and_marks_it(session: Session) -> None:
    person = create_person(
        session, fields=PersonFields(name="Ann Lee", phones=["(415) 555-0100", "pager 1234"])
    )
    summary = summary_of(session, person.id)
    assert summary.phones == ["+14155550100", "pager 1234"]
    assert summary.as_typed == [TypedHandle(kind="phone", value="pager 1234")]
    stored = session.scalars(select(Handle.is_normalised).where(Handle.person_id == person.id))
    assert list(stored) == [True, False]


def test_a_value_kept_as_typed_is_unique_in_the_workspace_like_any_handle(
    session: Session,
) -> None:
    create_person(session, fields=PersonFields(name="Ann Lee", phones=["pager 1234"]))
    with pytest.raises(Conflict, match="already belongs to Ann Lee"):
        create_person(session, fields=PersonFields(name="Bob Stone", phones=["pager  1234"]))


def test_a_value_too_long_to_keep_is_still_an_error(session: Session) -> None:
    with pytest.raises(InvalidInput, match="too long"):
        create_person(session, fields=PersonFields(name="Ann Lee", phones=["pager " + "1" * 400]))


def test_your_country_sets_the_region_national_numbers_are_read_in(session: Session) -> None:
    assert phone_region(session) == "US"  # until set
    assert set_home_country(session, code="gb") == "GB"
    assert (get_owner(session).country, phone_region(session)) == ("GB", "GB")
    person = create_person(session, fields=PersonFields(name="Ann Lee", phones=["020 7946 0958"]))
    assert summary_of(session, person.id).phones == ["+442079460958"]


def test_an_unknown_country_changes_nothing(session: Session) -> None:
    with pytest.raises(InvalidInput, match="'UK' is not a country code"):
        set_home_country(session, code="UK")  # the ISO code is GB
    assert (get_owner(session).country, phone_region(session)) == (None, "US")


def test_goodword_region_overrides_the_workspace_region(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOODWORD_REGION", "gb")
    assert phone_region(session) == "GB"
    person = create_person(session, fields=PersonFields(name="Ann Lee", phones=["020 7946 0958"]))
    assert summary_of(session, person.id).phones == ["+442079460958"]
    monkeypatch.setenv("GOODWORD_REGION", "Britain")
    with pytest.raises(InvalidInput, match="GOODWORD_REGION"):
        phone_region(session)
