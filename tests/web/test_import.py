"""The import page and POST /api/v1/import, on SQLite and PostgreSQL: real exporters' files
are checked by a dry run that changes nothing, then confirmed; a bad file is refused naming its
file and line, with every row as it was."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from goodword.clock import utcnow
from goodword.errors import NotFound
from goodword.io.export import export_file
from goodword.io.formats import ImportFormat
from goodword.web.uploads import KEPT, Uploads, safe_name
from goodword.workspace import Workspace
from web.conftest import SCRIPT, Network, token
from web.test_pages import PageParts

DATA = Path(__file__).parents[1] / "data"
VCARDS = DATA / "vcard" / "ez-vcard"
HEADERS = DATA / "csv-headers"


def csv_file(header: str, rows: list[dict[str, str]]) -> bytes:
    """An exporter's exact header (LinkedIn's preamble included), then the rows by column name."""
    text = (HEADERS / header).read_text(encoding="utf-8").rstrip("\r\n") + "\n"
    columns = next(csv.reader([text.rstrip("\n").split("\n")[-1]]))
    out = io.StringIO()
    csv.DictWriter(out, columns, lineterminator="\n").writerows(rows)
    return (text + out.getvalue()).encode("utf-8")


# (file name, its bytes, a search that finds someone it brings in)
FILES = {
    "iphone": ("John_Doe_IPHONE.vcf", (VCARDS / "John_Doe_IPHONE.vcf").read_bytes(), "Doe"),
    "android": ("John_Doe_ANDROID.vcf", (VCARDS / "John_Doe_ANDROID.vcf").read_bytes(), "jane"),
    "gmail": ("gmail-list.vcf", (VCARDS / "gmail-list.vcf").read_bytes(), "Doug White"),
    "outlook-vcard": ("outlook-2007.vcf", (VCARDS / "outlook-2007.vcf").read_bytes(), "Angstadt"),
    "google-csv": (
        "contacts.csv",
        csv_file(
            "google_csv_current_header.txt",
            [{"First Name": "Gia", "Last Name": "Moss", "E-mail 1 - Value": "gia@moss.example"}],
        ),
        "gia@moss.example",
    ),
    "outlook-csv": (
        "outlook.csv",
        csv_file(
            "outlook_desktop_export_header.txt",
            [{"First Name": "Olu", "Last Name": "Ade", "Company": "Northwind"}],
        ),
        "Northwind",
    ),
    "linkedin": (
        "Connections.csv",
        csv_file(
            "linkedin_connections_2020plus_preamble_and_header.txt",
            [{"First Name": "Lin", "Last Name": "Kwan", "Company": "Initech", "Position": "CTO"}],
        ),
        "Lin Kwan",
    ),
    "ics": ("tmeher.ics", (DATA / "ics" / "ical4j" / "tmeher.ics").read_bytes(), "Tendjoukian"),
}


def dry_run(client: TestClient, name: str, content: bytes, **fields: str) -> Response:
    return client.post(
        "/import", files={"file": (name, content)}, data={"csrf_token": token(client), **fields}
    )


def confirm(client: TestClient, page: Response) -> Response:
    found = re.search(r'name="token" value="([^"]+)"', page.text)
    assert found, page.text[-2000:]
    return client.post("/import/confirm", data={"csrf_token": token(client), "token": found[1]})


def counts(page: Response) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-testid="count-(\w+)">(\d+)<', page.text)}


def everyone(client: TestClient) -> list[dict[str, object]]:
    found = client.get("/api/v1/people", params={"limit": 500}).json()
    return sorted(found["items"], key=lambda p: json.dumps(p, sort_keys=True))


def uploads_left(client: TestClient) -> list[Path]:
    root: Path = client.app.state.uploads.root  # type: ignore[attr-defined]
    return list(root.iterdir()) if root.is_dir() else []


def error_message(page: Response) -> str:
    found = re.search(r'data-testid="error-message">([^<]*)<', page.text)
    assert found, page.text[-2000:]
    return found[1]


@pytest.mark.parametrize("kind", list(FILES))
def test_a_dry_run_reports_and_changes_nothing_then_confirming_imports(
    client: TestClient, kind: str
) -> None:
    name, content, search = FILES[kind]
    before = everyone(client)

    checked = dry_run(client, name, content)

    assert checked.status_code == 200, checked.text[-2000:]
    ids = PageParts(checked.text).ids
    assert {"import-report", "import-counts", "import-confirm"} <= set(ids)
    assert 'data-dry-run="true"' in checked.text
    would = counts(checked)
    assert would["created"] >= 1
    assert everyone(client) == before

    done = confirm(client, checked)

    assert done.status_code == 200, done.text[-2000:]
    assert 'data-dry-run="false"' in done.text
    assert {"import-people", "import-today"} <= set(PageParts(done.text).ids)
    assert "import-confirm" not in PageParts(done.text).ids
    assert counts(done) == would
    assert len(everyone(client)) == len(before) + would["created"]
    assert client.get("/api/v1/people", params={"q": search}).json()["total"] >= 1
    assert uploads_left(client) == []


def test_the_report_says_which_format_was_detected_or_used(client: TestClient) -> None:
    name, content, _ = FILES["google-csv"]

    detected = dry_run(client, name, content)
    named = dry_run(client, name, content, format="google")

    assert "a Google Contacts CSV" in detected.text
    assert re.search(r'data-testid="import-format-used">google<', detected.text)
    assert "detected" in detected.text
    assert re.search(r'data-testid="import-format-used">google<', named.text)
    assert "a Google Contacts CSV" not in named.text


def test_the_api_imports_in_one_call_and_dry_run_changes_nothing(client: TestClient) -> None:
    name, content, _ = FILES["gmail"]
    headers = {"X-CSRF-Token": token(client)}
    before = everyone(client)

    report = client.post(
        "/api/v1/import", files={"file": (name, content)}, data={"dry_run": "true"}, headers=headers
    )

    assert report.status_code == 200, report.text
    body = report.json()
    assert (body["format"], body["file"], body["dry_run"], body["created"]) == (
        "vcard",
        "gmail-list.vcf",
        True,
        3,
    )
    assert (body["detected"], body["layout"]) == (True, "vcard")
    assert everyone(client) == before

    imported = client.post(
        "/api/v1/import", files={"file": (name, content)}, data={"format": "vcard"}, headers=headers
    )

    assert imported.status_code == 200, imported.text
    assert (imported.json()["created"], imported.json()["detected"]) == (3, False)
    assert {"Arnold Smith", "Chris Beatle", "Doug White"} <= {p["name"] for p in everyone(client)}
    assert uploads_left(client) == []


def _cut_vcard() -> tuple[bytes, int]:
    """Three good cards, then one that never ends: named at its BEGIN."""
    good = (VCARDS / "gmail-list.vcf").read_bytes().rstrip(b"\r\n") + b"\r\n"
    return good + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve Cut\r\n", good.count(b"\n") + 1


def test_a_malformed_file_is_refused_naming_file_and_line_and_nothing_changes(
    client: TestClient,
) -> None:
    content, line = _cut_vcard()
    before = everyone(client)

    page = dry_run(client, "cut.vcf", content)
    api = client.post(
        "/api/v1/import",
        files={"file": ("cut.vcf", content)},
        headers={"X-CSRF-Token": token(client)},
    )

    assert page.status_code == 422
    assert error_message(page).startswith(f"cut.vcf:{line}: ")
    assert "never ends" in error_message(page)
    assert "Nothing was imported." in page.text
    assert api.status_code == 422
    assert api.json()["error"]["type"] == "malformed_file"
    assert api.json()["error"]["message"].startswith(f"cut.vcf:{line}: ")
    assert everyone(client) == before
    assert uploads_left(client) == []


def test_a_file_in_another_format_than_named_says_which_it_looks_like(
    client: TestClient,
) -> None:
    name, content, _ = FILES["google-csv"]

    page = dry_run(client, name, content, format="vcard")

    assert page.status_code == 422
    assert error_message(page).startswith("contacts.csv: no vCard found")
    assert "import it as google" in error_message(page)


def test_a_binary_file_is_judged_by_its_bytes_not_refused_as_a_nul_in_the_form(
    client: TestClient,
) -> None:
    page = dry_run(client, "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(64))

    assert page.status_code == 422
    assert error_message(page).startswith("photo.jpg: is not text")
    assert "NUL" not in error_message(page)


def test_dates_apply_to_calendars_only_and_in_order(client: TestClient) -> None:
    name, content, _ = FILES["ics"]
    vcard_name, vcard, _ = FILES["gmail"]

    windowed = dry_run(client, name, content, since="2004-01-01", until="2004-12-31")
    backwards = dry_run(client, name, content, since="2024-02-01", until="2024-01-31")
    undated = dry_run(client, vcard_name, vcard, since="2024-01-01")
    too_late = dry_run(client, name, content, since="2030-01-01")

    assert windowed.status_code == 200, windowed.text[-2000:]
    assert counts(windowed)["interactions_created"] == 1
    assert backwards.status_code == 422
    assert "swap them" in error_message(backwards)
    assert undated.status_code == 422
    assert "calendars (ics) and mail (mbox)" in error_message(undated)
    assert too_late.status_code == 200
    assert "interactions_created" not in counts(too_late)


def test_an_archive_over_data_needs_force_and_a_bad_currency_names_the_file(
    client: TestClient, workspace: Workspace, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.json"
    with workspace.read() as session:
        export_file(session, fmt="json", dest=archive, now=utcnow())
    content = archive.read_bytes()
    data = json.loads(content)
    data["workspace"]["currency"] = "euro"
    broken = json.dumps(data).encode()
    before = everyone(client)

    refused = dry_run(client, "backup.json", content)
    forced = dry_run(client, "backup.json", content, force="true")
    bad = dry_run(client, "backup.json", broken, force="true")

    assert refused.status_code == 409, refused.text[-2000:]
    assert forced.status_code == 200, forced.text[-2000:]
    assert "goodword JSON archive" in forced.text
    assert bad.status_code == 422
    assert error_message(bad).startswith("backup.json: ")
    assert "currency" in error_message(bad)
    assert everyone(client) == before


def test_every_unsafe_import_request_needs_the_csrf_token(client: TestClient) -> None:
    name, content, _ = FILES["gmail"]
    client.get("/import")  # the cookie, but no token sent back
    before = everyone(client)

    page = client.post("/import", files={"file": (name, content)})
    api = client.post("/api/v1/import", files={"file": (name, content)})
    confirmed = client.post("/import/confirm", data={"token": "x" * 32})

    assert (page.status_code, api.status_code, confirmed.status_code) == (403, 403, 403)
    assert api.json()["error"]["type"] == "permission_denied"
    assert everyone(client) == before
    assert uploads_left(client) == []


def test_an_unknown_or_used_token_is_refused_saying_to_upload_again(client: TestClient) -> None:
    name, content, _ = FILES["gmail"]
    checked = dry_run(client, name, content)
    assert confirm(client, checked).status_code == 200

    again = confirm(client, checked)
    unknown = client.post(
        "/import/confirm", data={"csrf_token": token(client), "token": "../../etc/passwd"}
    )

    assert (again.status_code, unknown.status_code) == (404, 404)
    assert "no longer here" in error_message(again)
    assert "Upload the file again" in again.text
    assert "no longer here" in error_message(unknown)


def test_a_second_import_of_the_same_file_changes_nothing(client: TestClient) -> None:
    name, content, _ = FILES["gmail"]
    confirm(client, dry_run(client, name, content))
    after = everyone(client)

    again = confirm(client, dry_run(client, name, content))

    assert counts(again)["created"] == 0
    assert counts(again)["unchanged"] == 3
    assert everyone(client) == after


def test_with_htmx_the_report_and_errors_come_as_fragments(client: TestClient) -> None:
    name, content, _ = FILES["gmail"]
    cut, _ = _cut_vcard()
    headers = {"HX-Request": "true"}

    report = client.post(
        "/import",
        files={"file": (name, content)},
        data={"csrf_token": token(client)},
        headers=headers,
    )
    error = client.post(
        "/import",
        files={"file": ("cut.vcf", cut)},
        data={"csrf_token": token(client)},
        headers=headers,
    )

    assert report.status_code == 200
    assert "<html" not in report.text
    assert "import-confirm" in PageParts(report.text).ids
    assert error.status_code == 422
    assert error.headers["HX-Retarget"] == "#errors"
    assert "<html" not in error.text


def test_the_form_offers_every_format_and_detection(client: TestClient) -> None:
    page = client.get("/import")

    assert page.status_code == 200
    ids = PageParts(page.text).ids
    assert {"import-form", "import-file", "import-format", "import-since", "import-force"} <= set(
        ids
    )
    assert "nav-import" in ids
    select = page.text[page.text.index('data-testid="import-format"') :]
    values = re.findall(r'<option value="([^"]*)"', select[: select.index("</select>")])
    assert values == ["", *ImportFormat]


def test_a_name_or_file_name_that_is_a_script_shows_inert(
    client: TestClient, network: Network
) -> None:
    # Taken to be the person of that name, with a phone kept as typed: both show the name.
    card = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{SCRIPT}\r\nORG:{SCRIPT}\r\n"
        f"EMAIL:new@script.example\r\nTEL:{SCRIPT}\r\nEND:VCARD\r\n"
    )
    named = "<script>x.vcf"

    page = dry_run(client, named, card.encode())

    assert page.status_code == 200, page.text[-2000:]
    assert SCRIPT not in page.text
    assert "<script>x" not in page.text
    assert "&lt;script&gt;x.vcf" in page.text
    assert re.search(rf'href="/people/{network.script}"', page.text)
    assert {"import-merge", "import-kept"} <= set(PageParts(page.text).ids)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert PageParts(page.text).scripts == ["/static/htmx.min.js"]


def test_an_upload_over_the_size_limit_is_refused_and_not_kept(
    client: TestClient, tmp_path: Path
) -> None:
    client.app.state.uploads = Uploads(tmp_path / "small", workspace="w", max_bytes=1024)  # type: ignore[attr-defined]
    name, content, _ = FILES["iphone"]

    page = dry_run(client, name, content)

    assert page.status_code == 422
    assert error_message(page) == f"{name} is larger than 1 KB."
    assert uploads_left(client) == []


def test_an_upload_left_unconfirmed_expires_and_is_swept(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path, workspace="w")
    old = uploads.keep(io.BytesIO(b"BEGIN:VCARD"), filename="old.vcf", choices={})
    past = time.time() - KEPT - 60
    os.utime(old.path.parent, (past, past))

    with pytest.raises(NotFound, match="no longer here"):
        uploads.find(old.token)
    kept = uploads.keep(io.BytesIO(b"BEGIN:VCARD"), filename="new.vcf", choices={"a": 1})

    assert [p.name for p in tmp_path.iterdir()] == [kept.token]
    assert uploads.find(kept.token) == kept
    assert kept.path.name == "new.vcf"
    with pytest.raises(NotFound):
        Uploads(tmp_path, workspace="another").find(kept.token)


def test_an_upload_is_claimed_by_one_confirm_only(tmp_path: Path) -> None:
    """A double click, or a retry while the first confirm runs, must not import it twice."""
    uploads = Uploads(tmp_path, workspace="w")
    kept = uploads.keep(io.BytesIO(b"BEGIN:VCARD"), filename="ann.vcf", choices={"a": 1})

    claimed = uploads.claim(kept.token)

    assert claimed.path.read_bytes() == b"BEGIN:VCARD"
    assert (claimed.name, claimed.choices) == ("ann.vcf", {"a": 1})
    with pytest.raises(NotFound, match="no longer here"):
        uploads.claim(kept.token)
    uploads.discard(kept.token)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("C:\\Users\\ann\\contacts.vcf", "contacts.vcf"),
        ("../../etc/passwd", "passwd"),
        ("..", "upload"),
        ("", "upload"),
        (None, "upload"),
        ("a\x00b\nc.csv", "abc.csv"),
        (".hidden.vcf", "hidden.vcf"),
        ("x" * 300 + ".vcf", "x" * 100 + ".vcf"),
    ],
)
def test_an_uploaded_file_keeps_only_the_safe_part_of_its_name(
    given: str | None, kept: str
) -> None:
    assert safe_name(given) == kept
