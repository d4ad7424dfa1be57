"""Your country for national phone numbers, end to end."""

from __future__ import annotations

from cli.support import Cli, assert_user_error, describe


def test_me_set_country_reads_national_numbers_as_that_countrys(cli: Cli) -> None:
    cli.ok("me", "set", "--country", "gb")

    assert cli.json("me", "show", "--json")["me"]["country"] == "GB"
    added = cli.json("person", "add", "Priya Shah", "--phone", "020 7946 0958", "--json")
    assert added["phones"] == ["+442079460958"]


def test_me_set_an_unknown_country_is_a_user_error(cli: Cli) -> None:
    assert_user_error(cli("me", "set", "--country", "UK"), "'UK'", "country code")
    assert cli.json("me", "show", "--json")["me"]["country"] is None


def test_goodword_region_overrides_the_workspace_region(cli: Cli) -> None:
    result = cli(
        "person", "add", "Priya Shah", "--phone", "020 7946 0958", "--json",
        env={"GOODWORD_REGION": "GB"},
    )  # fmt: skip
    assert result.exit_code == 0, describe(result)
    assert '"+442079460958"' in result.stdout
    wrong = cli("person", "add", "Bob", "--phone", "1", env={"GOODWORD_REGION": "Britain"})
    assert_user_error(wrong, "GOODWORD_REGION")
