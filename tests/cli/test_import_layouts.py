"""Address books with few columns and LinkedIn's old export, end to end on both databases."""

from __future__ import annotations

from pathlib import Path

from cli.support import Cli

# LinkedIn's export until about 2014 (`linkedin_connections_export_microsoft_outlook.csv`) was
# an Outlook CSV; LinkedIn filled the names, the e-mail, the company and the job title.
LINKEDIN_2014 = (
    '"Title","First Name","Middle Name","Last Name","Suffix","E-mail Address",'
    '"E-mail 2 Address","E-mail 3 Address","Business Street","Business City","Business State",'
    '"Business Postal Code","Business Country","Company","Department","Job Title",'
    '"Business Phone","Mobile Phone","Notes","Web Page"\r\n'
    '"","Ann","","Lee","","ann@acme.io","","","","","","","","Acme","","CFO","","","",""\r\n'
    '"","Bob","","Stone","","","","","","","","","","Stone & Sons","","Owner","","","",""\r\n'
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_with_only_email_columns_is_an_address_book(cli: Cli, tmp_path: Path) -> None:
    path = write(
        tmp_path / "emails.csv",
        "E-mail Address,E-mail 2 Address\nann@acme.io,ann.lee@home.example\nbob@stone.example,\n",
    )

    report = cli.json("import", "outlook", str(path), "--json")

    assert (report["created"], report["skipped"]) == (2, 0)
    ann = cli.json("person", "show", "ann@acme.io", "--json")
    assert ann["emails"] == ["ann@acme.io", "ann.lee@home.example"]


def test_a_hand_made_name_and_email_list_is_an_address_book(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "Name,Email\nAnn Lee,ann@acme.io\nBob Stone,\n")

    report = cli.json("import", "outlook", str(path), "--json")

    assert report["created"] == 2
    names = {p["name"]: p["emails"] for p in cli.json("person", "list", "--json")}
    assert names == {"Me": [], "Ann Lee": ["ann@acme.io"], "Bob Stone": []}


def test_linkedins_2014_export_imports_as_connections_you_know(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path / "linkedin_connections_export_microsoft_outlook.csv", LINKEDIN_2014)

    report = cli.json("import", "linkedin", str(path), "--json")

    assert (report["created"], report["ties_created"]) == (2, 2)
    ann = cli.json("person", "show", "Ann Lee", "--json")
    assert (ann["emails"], ann["org"], ann["title"]) == (["ann@acme.io"], "Acme", "CFO")
    mine = cli.json("person", "show", "me", "--json")["ties"]
    assert sorted(t["person"]["name"] for t in mine) == ["Ann Lee", "Bob Stone"]
