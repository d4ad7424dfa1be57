"""`goodword person edit --remove-email/--remove-phone/--remove-link/--remove-im`."""

from __future__ import annotations

from typing import Any

import pytest

from cli.support import Cli, assert_user_error


@pytest.fixture
def ann(cli: Cli) -> dict[str, Any]:
    person: dict[str, Any] = cli.json(
        "person", "add", "Ann Lee", "--email", "ann@acme.io", "--email", "ann@gmail.com",
        "--phone", "+44 161 496 0000", "--phone", "pager 1234",
        "--linkedin", "linkedin.com/in/annlee", "--im", "skype:ann.lee", "--json",
    )  # fmt: skip
    return person


def test_remove_options_take_each_value_off_as_typed_or_normalised(
    cli: Cli, ann: dict[str, Any]
) -> None:
    edited = cli.json(
        "person", "edit", "Ann Lee", "--remove-email", "ANN@acme.io",
        "--remove-phone", "+441614960000", "--remove-phone", "pager 1234",
        "--remove-link", "https://www.linkedin.com/in/annlee/", "--remove-im", "Skype:ann.lee",
        "--json",
    )  # fmt: skip

    assert edited["id"] == ann["id"]
    assert (edited["emails"], edited["phones"], edited["links"], edited["ims"]) == (
        ["ann@gmail.com"],
        [],
        [],
        [],
    )
    assert edited["as_typed"] == []
    # The e-mail is free for someone else now.
    cli.ok("person", "add", "Ann Lee (Acme)", "--email", "ann@acme.io")


def test_an_email_can_be_replaced_in_one_command(cli: Cli, ann: dict[str, Any]) -> None:
    edited = cli.json(
        "person", "edit", "Ann Lee", "--remove-email", "ann@acme.io",
        "--email", "ann@newco.io", "--json",
    )  # fmt: skip

    assert edited["emails"] == ["ann@gmail.com", "ann@newco.io"]


@pytest.mark.parametrize(
    ("option", "value", "needles"),
    [
        ("--remove-email", "bob@acme.io", ["Ann Lee", "no e-mail 'bob@acme.io'"]),
        ("--remove-phone", "+1 202 555 0100", ["no phone number '+1 202 555 0100'"]),
        ("--remove-link", "https://example.com", ["no link 'https://example.com'"]),
        ("--remove-im", "skype:bob", ["no IM handle 'skype:bob'"]),
    ],
    ids=["email", "phone", "link", "im"],
)
def test_a_value_they_do_not_have_is_an_error_that_changes_nothing(
    cli: Cli, ann: dict[str, Any], option: str, value: str, needles: list[str]
) -> None:
    before = cli.rows()

    result = cli("person", "edit", "Ann Lee", "--remove-email", "ann@acme.io", option, value)

    assert_user_error(result, *needles)
    assert cli.rows() == before


def test_removing_from_an_unknown_person_is_an_error(cli: Cli, ann: dict[str, Any]) -> None:
    before = cli.rows()

    assert_user_error(cli("person", "edit", "Nobody", "--remove-email", "ann@acme.io"), "Nobody")

    assert cli.rows() == before
