"""`goodword brief`: the advocate brief in each format, for someone or for anyone."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.support import PERSON_FIELDS, Cli, assert_user_error, describe

OFFERING = (
    "--one-liner", "Bookkeeping for small shops and cafés.",
    "--problems", "Books months behind; surprise tax bills",
    "--for-whom", "Owners of shops and cafés with up to 20 staff",
    "--results", "Books up to date within a month.",
)  # fmt: skip


@pytest.fixture
def owner(cli: Cli) -> Cli:
    cli.ok("me", "set", "--name", "Dana Park", "--email", "dana@park.example", *OFFERING)
    cli.ok("icp", "add", "industry", "is", "Retail")
    cli.ok("icp", "add", "city", "is", "Leeds")
    return cli


@pytest.fixture
def network(owner: Cli) -> Cli:
    """Ann knows Bob (a Leeds shop) and Eve (a London shop, half a fit); Bob knows Cat (a Leeds
    café), who knows Dan (a Leeds shop, three steps from Ann). Fay, a Leeds shop Ann knows, is
    already my client, and Gil, a Leeds shop, Ann reaches only through me."""
    cli = owner
    leeds_shop = ("--industry", "Retail", "--city", "Leeds")
    cli.ok("person", "add", "Ann Lee", "--email", "ann@lee.example", "--industry", "Law")
    cli.ok("person", "add", "Bob Shaw", "--title", "Owner", "--org", "Bob's Bikes", *leeds_shop)
    cli.ok("person", "add", "Cat Cole", *leeds_shop)
    cli.ok("person", "add", "Dan Dale", *leeds_shop)
    cli.ok("person", "add", "Eve Ellis", "--industry", "Retail", "--city", "London")
    cli.ok("person", "add", "Fay Ford", *leeds_shop)
    cli.ok("person", "add", "Gil Gray", *leeds_shop)
    cli.ok("knows", "Ann Lee", "Bob Shaw", "--strength", "0.9")
    cli.ok("knows", "Ann Lee", "Eve Ellis", "--strength", "0.9")
    cli.ok("knows", "Ann Lee", "Fay Ford", "--strength", "0.9")
    cli.ok("knows", "Bob Shaw", "Cat Cole", "--strength", "0.6")
    cli.ok("knows", "Cat Cole", "Dan Dale", "--strength", "0.9")
    cli.ok("knows", "me", "Ann Lee", "--strength", "0.9")
    cli.ok("knows", "me", "Gil Gray", "--strength", "0.9")
    cli.ok("knows", "Fay Ford", "me", "--kind", "client")
    return cli


def brief_interactions(cli: Cli, ref: str) -> list[dict[str, object]]:
    return [i for i in cli.json("interaction", "list", ref, "--json") if i["kind"] == "brief"]


def test_the_brief_in_markdown_says_what_to_listen_for_and_how_to_introduce_you(
    owner: Cli,
) -> None:
    text = owner.ok("brief").stdout

    assert text.startswith("# How to refer Dana Park\n")
    for said in (
        "## What I do\n\nBookkeeping for small shops and cafés.",
        "- Books months behind\n- Surprise tax bills",
        "## Who I help\n\nOwners of shops and cafés with up to 20 staff",
        "## Typical results\n\nBooks up to date within a month.",
        "- works in Retail\n- is based in Leeds",
        "- “our books are months behind”",
        "> I'd like to introduce you to Dana Park.",
        "Dana's e-mail is dana@park.example.",
        "No warnings: plain words and short sentences.",
    ):
        assert said in text, said


def test_the_brief_in_html_and_text_says_the_same(owner: Cli) -> None:
    page = owner.ok("brief", "--format", "html").stdout
    text = owner.ok("brief", "--format", "TXT").stdout

    assert page.startswith("<!DOCTYPE html>")
    assert "<li>“our books are months behind”</li>" in page
    assert "I&#x27;d like to introduce you to Dana Park." in page
    assert text.startswith("How to refer Dana Park\n======================\n")
    assert "- “our books are months behind”" in text
    assert "I'd like to introduce you to Dana Park." in text


def test_html_escapes_a_script_in_the_offering(owner: Cli) -> None:
    owner.ok("me", "set", "--one-liner", "<script>alert('hi')</script> Bookkeeping")

    page = owner.ok("brief", "--format", "html").stdout

    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; Bookkeeping" in page


def test_an_unclear_offering_is_flagged_in_the_brief(owner: Cli) -> None:
    wordy = (
        "We leverage best-in-class ERP tooling to deliver end-to-end finance transformation "
        "for ambitious owner-managed retail and hospitality businesses across the whole of "
        "the north of England and Scotland"
    )
    owner.ok("me", "set", "--one-liner", wordy)

    text = owner.ok("brief").stdout

    clarity = text.split("## Clarity check")[1]
    assert "Long sentence in the one-liner (27 words" in clarity
    assert 'Jargon in the one-liner: "leverage"' in clarity
    assert 'Jargon in the one-liner: "end-to-end"' in clarity
    assert 'Acronym in the one-liner not spelled out: "ERP"' in clarity


def test_json_gives_the_text_and_the_clarity_check(owner: Cli) -> None:
    owner.ok("me", "set", "--results", "Synergies.")

    shown = owner.json("brief", "--format", "txt", "--json")

    assert shown.keys() >= {"format", "text", "clarity", "advocate", "prospects", "file"}
    assert shown["format"] == "txt"
    assert shown["text"].startswith("How to refer Dana Park")
    assert (shown["advocate"], shown["prospects"], shown["file"]) == (None, [], None)
    assert shown["clarity"].keys() >= {"score", "grade", "rating", "warnings"}
    assert [(w["kind"], w["field"], w["text"]) for w in shown["clarity"]["warnings"]] == [
        ("jargon", "results", "Synergies")
    ]


def test_out_writes_the_file_and_puts_the_warnings_on_stderr(owner: Cli, tmp_path: Path) -> None:
    owner.ok("me", "set", "--results", "Holistic support.")
    dest = tmp_path / "brief.html"
    dest.write_text("an older brief")

    result = owner.ok("brief", "--format", "html", "--out", str(dest))

    assert result.stdout.strip() == f"Wrote the brief to {dest}"
    assert 'Jargon in the results: "Holistic"' in result.stderr
    written = dest.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    assert "Jargon in the results" in written


def test_for_someone_greets_them_lists_the_prospects_they_know_and_records_one_brief(
    network: Cli,
) -> None:
    text = network.ok("brief", "--for", "ann@lee.example").stdout

    assert "Hi Ann," in text
    listed = text.split("## People you know who may need me")[1].split("##")[0]
    lines = [line for line in listed.splitlines() if line.startswith("- ")]
    assert lines == [
        "- Bob Shaw (Owner at Bob's Bikes): works in Retail and is based in Leeds; you know them",
        "- Cat Cole: works in Retail and is based in Leeds; through Bob Shaw",
        "- Eve Ellis: works in Retail; you know them",
    ]
    (briefed,) = brief_interactions(network, "Ann Lee")
    assert {p["name"] for p in briefed["people"]} == {"Dana Park", "Ann Lee"}  # type: ignore[union-attr]


def test_for_someone_in_json_names_them_and_each_prospect_with_how_they_know_them(
    network: Cli,
) -> None:
    shown = network.json("brief", "--for", "Ann Lee", "--json")

    assert shown["advocate"].keys() >= PERSON_FIELDS
    assert shown["advocate"]["name"] == "Ann Lee"
    rows = [(p["person"]["name"], p["fit"], p["hops"], p["via"]) for p in shown["prospects"]]
    assert [r[:3] for r in rows] == [
        ("Bob Shaw", 1.0, 1),
        ("Cat Cole", 1.0, 2),
        ("Eve Ellis", 0.5, 1),
    ]
    assert rows[0][3] is None
    assert rows[1][3]["name"] == "Bob Shaw"
    assert shown["prospects"][0]["matched"] == ["industry is Retail", "city is Leeds"]
    assert len(brief_interactions(network, "Ann Lee")) == 1


def test_being_briefed_shows_in_the_advocate_reasons(network: Cli) -> None:
    network.ok("brief", "--for", "Ann Lee", "--out", "/dev/null")

    shown = network.json("person", "show", "Ann Lee", "--json")

    assert "Briefed on your offering" in str(shown)


def test_each_brief_for_someone_is_recorded_and_a_general_brief_records_nothing(
    network: Cli,
) -> None:
    network.ok("brief")
    network.ok("brief", "--for", "Bob Shaw")
    network.ok("brief", "--for", "Bob Shaw")

    assert len(brief_interactions(network, "Bob Shaw")) == 2
    assert brief_interactions(network, "Ann Lee") == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("brief", "--for", "Zed Nobody"), "Zed Nobody"),
        (("brief", "--for", "me"), "other than you"),
        (("brief", "--for", "Ann Lee", "--format", "pdf"), "md, html, txt"),
        (("brief", "--for", "Ann Lee", "--out", "/no/such/folder/brief.md"), "/no/such/folder"),
    ],
)
def test_a_bad_brief_request_changes_nothing(
    network: Cli, args: tuple[str, ...], needle: str
) -> None:
    before = network.rows()

    assert_user_error(network(*args), needle)

    assert network.rows() == before


def test_without_an_offering_the_brief_says_how_to_set_one(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    before = cli.rows()

    for args in (("brief",), ("brief", "--for", "Ann Lee")):
        line = assert_user_error(cli(*args), "goodword me set --one-liner")
        assert line.startswith("Error: No offering")

    assert cli.rows() == before


def test_help_says_an_existing_file_is_replaced(cli: Cli) -> None:
    result = cli.ok("brief", "--help")

    assert "replaced" in " ".join(result.stdout.split()), describe(result)
