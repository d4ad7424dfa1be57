"""Phones, URLs and IM handles kept as typed, and your country for national numbers, end to end."""

from __future__ import annotations

from pathlib import Path

from cli.support import Cli, assert_user_error, describe


def test_person_add_keeps_an_odd_phone_and_warns_in_one_line(cli: Cli) -> None:
    result = cli("person", "add", "Ann Lee", "--phone", "pager 1234", "--json")

    assert result.exit_code == 0, describe(result)
    [warning] = result.stderr.splitlines()
    assert "'pager 1234' as typed" in warning
    assert "phone number" in warning
    added = cli.json("person", "show", "Ann Lee", "--json")
    assert added["phones"] == ["pager 1234"]
    assert added["as_typed"] == [{"kind": "phone", "value": "pager 1234", "label": None}]


def test_person_add_warns_about_nothing_that_normalises(cli: Cli) -> None:
    result = cli.ok("person", "add", "Ann Lee", "--phone", "+1 415 555 0100", "--im", "skype:ann")
    assert result.stderr == ""


def test_person_edit_keeps_an_odd_im_handle_and_warns(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    result = cli("person", "edit", "Ann Lee", "--im", "Ann on Skype")

    assert result.exit_code == 0, describe(result)
    assert len(result.stderr.splitlines()) == 1
    assert "'Ann on Skype' as typed" in result.stderr
    shown = cli.ok("person", "show", "Ann Lee").stdout
    assert "im: Ann on Skype (as typed)" in shown


def test_person_list_json_marks_values_kept_as_typed(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--phone", "1234", "--phone", "(415) 555-0100")
    [ann] = [p for p in cli.json("person", "list", "--json") if not p["is_me"]]
    assert ann["phones"] == ["1234", "+14155550100"]
    assert [h["value"] for h in ann["as_typed"]] == ["1234"]


def test_an_odd_phone_already_someone_elses_is_a_conflict(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee", "--phone", "pager 1234")
    result = cli("person", "add", "Bob Stone", "--phone", "pager 1234")
    assert_user_error(result, "pager 1234", "Ann Lee")


def test_exports_carry_values_kept_as_typed(cli: Cli, tmp_path: Path) -> None:
    cli.ok("person", "add", "Ann Lee", "--phone", "pager 1234", "--im", "Ann on Skype")
    cli.ok("export", "vcard", str(tmp_path / "people.vcf"))
    cli.ok("export", "csv", str(tmp_path / "people.csv"))

    card = (tmp_path / "people.vcf").read_text(encoding="utf-8").splitlines()
    assert "TEL;PREF=1;VALUE=text;X-GOODWORD-AS-TYPED=TRUE:pager 1234" in card
    assert "IMPP;PREF=1;X-GOODWORD-AS-TYPED=TRUE:Ann on Skype" in card
    table = (tmp_path / "people.csv").read_text(encoding="utf-8")
    assert "pager 1234" in table
    assert "Ann on Skype" in table


def test_reimporting_an_export_matches_values_kept_as_typed(cli: Cli, tmp_path: Path) -> None:
    cli.ok("person", "add", "Ann Lee", "--phone", "pager 1234")
    cli.ok("export", "vcard", str(tmp_path / "people.vcf"))
    cli.ok("person", "edit", "Ann Lee", "--name", "Ann Marie Lee")  # so only the phone matches

    report = cli.json("import", "vcard", str(tmp_path / "people.vcf"), "--json")

    assert (report["created"], report["skipped"]) == (0, 0), report
    assert [p["name"] for p in cli.json("person", "list", "--json") if not p["is_me"]] == [
        "Ann Marie Lee"
    ]


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
