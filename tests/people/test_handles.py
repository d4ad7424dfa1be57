"""Your country reads national phone numbers; GOODWORD_REGION overrides it for one run."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.people.queries import summary_of
from goodword.people.service import PersonFields, create_person, get_owner, set_home_country
from goodword.storage.session import phone_region


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
