"""Importing in a real browser: pick a file, read the dry run, confirm, find the people."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from browser.conftest import Server, screenshot

GMAIL = Path(__file__).parents[1] / "data" / "vcard" / "ez-vcard" / "gmail-list.vcf"


def test_upload_read_the_dry_run_and_confirm(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    page.get_by_test_id("nav-import").click()
    page.get_by_test_id("import-file").set_input_files(GMAIL)
    page.get_by_test_id("import-submit").click()

    report = page.get_by_test_id("import-report")
    expect(report).to_have_attribute("data-dry-run", "true")
    expect(page.get_by_test_id("count-created")).to_have_text("3")
    expect(page.get_by_test_id("import-file-name")).to_contain_text("gmail-list.vcf")
    found = page.request.get(server.url + "/api/v1/people?q=Doug%20White").json()
    assert found["total"] == 0, "a dry run changed the database"
    screenshot(page, "import-dry-run")

    page.get_by_test_id("import-confirm").click()

    expect(report).to_have_attribute("data-dry-run", "false")
    expect(page.get_by_test_id("import-heading")).to_have_text("Imported")
    expect(page.get_by_test_id("count-created")).to_have_text("3")
    screenshot(page, "import")
    page.get_by_test_id("import-people").click()
    page.locator("[data-testid=people-search] input[name=q]").fill("Doug White")
    expect(page.get_by_test_id("people-results")).to_contain_text("Doug White")


def test_a_malformed_file_shows_its_line_and_no_report(page: Page, server: Server) -> None:
    page.goto(server.url + "/import")
    cut = GMAIL.read_bytes().rstrip(b"\r\n") + b"\r\nBEGIN:VCARD\r\nFN:Eve Cut\r\n"
    page.get_by_test_id("import-file").set_input_files(
        {"name": "cut.vcf", "mimeType": "text/vcard", "buffer": cut}
    )
    page.get_by_test_id("import-submit").click()

    expect(page.get_by_test_id("error-message")).to_contain_text("cut.vcf:")
    expect(page.get_by_test_id("error-message")).to_contain_text("never ends")
    expect(page.get_by_test_id("import-report")).to_have_count(0)
    expect(page.get_by_test_id("import-form")).to_be_visible()
