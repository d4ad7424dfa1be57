"""Narrowing the People list in a real browser, and a person's ledger and referrals."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from browser.conftest import Server, screenshot


def test_filter_people_by_role_then_organisation(page: Page, server: Server) -> None:
    # Other tests add people to the same server, so this one counts only what it filters in.
    page.goto(server.url + "/people")
    rows = page.get_by_test_id("person-row")
    expect(rows.filter(has_text="Ann Lee")).to_have_count(1)

    # Bob and Cara work in fintech, the ideal client: prospects; Ann does not.
    page.get_by_test_id("filter-role").select_option("prospect")
    expect(page).to_have_url(re.compile(r"role=prospect"))
    expect(rows.filter(has_text="Ann Lee")).to_have_count(0)
    expect(rows.filter(has_text="Bob Stone")).to_have_count(1)
    expect(rows.filter(has_text="Cara Diaz")).to_have_count(1)

    page.get_by_test_id("filter-org").fill("INITECH")
    expect(rows.filter(has_text="Bob Stone")).to_have_count(0)
    expect(rows.filter(has_text="Cara Diaz")).to_have_count(1)
    expect(rows.first.get_by_test_id("person-roles")).to_contain_text("prospect")
    expect(page.get_by_test_id("people-tally")).to_contain_text(re.compile(r"\(\d+ of \d+\)"))
    screenshot(page, "people-filtered")

    page.reload()  # the filters live in the address, so a reload or a shared link keeps them
    expect(page.get_by_test_id("filter-role")).to_have_value("prospect")
    expect(page.get_by_test_id("filter-org")).to_have_value("INITECH")
    expect(rows.filter(has_text="Bob Stone")).to_have_count(0)


def test_a_person_page_lists_the_ledger_and_referrals(page: Page, server: Server) -> None:
    page.goto(server.url + "/people?q=Ann")
    page.get_by_test_id("person-link").filter(has_text="Ann Lee").click()
    expect(page.get_by_test_id("person-name")).to_have_text("Ann Lee")
    ledger = page.get_by_test_id("person-ledger")
    expect(ledger.get_by_test_id("ledger-row")).to_have_count(2)  # an introduction, a referral
    expect(ledger.get_by_test_id("ledger-balance")).to_contain_text("they gave 2")
    referrals = page.get_by_test_id("person-referrals").get_by_test_id("referral-row")
    expect(referrals).to_have_count(1)
    expect(referrals.first).to_contain_text("Cara Diaz")
    # Another test moves this referral on the board: any step of the pipeline will do.
    expect(referrals.first.get_by_test_id("referral-status")).to_have_text(
        re.compile(r"received|contacted|met|proposal|won|lost")
    )
    screenshot(page, "person-ledger-referrals")
