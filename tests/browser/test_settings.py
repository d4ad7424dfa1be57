"""The settings page in a real browser: edit the offering and the ICP and watch the advocate
brief preview follow; set a tier from a person's page. Each test leaves the shared server's
data as other tests expect it (the criterion it adds is removed again)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from browser.conftest import Server, screenshot


def test_edit_the_offering_and_icp_and_the_brief_follows(page: Page, server: Server) -> None:
    page.goto(server.url + "/settings")
    brief = page.get_by_test_id("brief")

    page.get_by_test_id("one-liner").fill("Bookkeeping that fintech founders never think about")
    page.get_by_test_id("offering-for-whom").fill("Seed-stage fintech founders")
    page.get_by_test_id("offering-save").click()
    expect(brief.get_by_test_id("brief-text")).to_contain_text("never think about")

    form = page.get_by_test_id("icp-form")
    form.get_by_test_id("icp-field").select_option("city")
    form.get_by_test_id("icp-value").fill("Leeds")
    form.get_by_test_id("icp-add").click()
    leeds = page.locator("[data-testid=criterion]", has_text="Leeds")
    expect(leeds).to_have_count(1)
    expect(brief.get_by_test_id("brief-text")).to_contain_text("Leeds")
    # The tiers are asked for again once the change is saved, and drawn in place.
    expect(page.get_by_test_id("tiers").locator("table")).to_be_visible()
    expect(page.get_by_test_id("tiers")).not_to_have_attribute("aria-busy", "true")
    screenshot(page, "settings-edited")

    leeds.get_by_test_id("criterion-remove").click()
    expect(leeds).to_have_count(0)
    expect(brief.get_by_test_id("brief-text")).not_to_contain_text("Leeds")


def test_a_bad_setting_shows_its_error_and_a_good_one_saves(page: Page, server: Server) -> None:
    page.goto(server.url + "/settings")
    limit = page.locator("[data-testid=setting][data-key='agenda.limit'] input")

    limit.fill("a dozen")
    page.get_by_test_id("settings-save").click()
    expect(page.get_by_test_id("error-message")).to_contain_text("agenda.limit")

    limit.fill("10")
    page.get_by_test_id("settings-save").click()
    expect(page.get_by_test_id("settings-saved")).to_be_visible()
    expect(page.get_by_test_id("error")).to_have_count(0)


def test_set_a_tier_from_the_person_page(page: Page, server: Server) -> None:
    page.goto(server.url + "/people?q=Bob")
    page.get_by_test_id("person-link").first.click()
    tier = page.get_by_test_id("person-tier")
    expect(tier.get_by_test_id("person-tier-value")).to_contain_text("auto")

    tier.get_by_test_id("person-tier-choice").select_option("potential")
    tier.get_by_test_id("person-tier-save").click()
    expect(tier.get_by_test_id("person-tier-value")).to_contain_text("potential (set by you")
    screenshot(page, "person-tier")

    tier.get_by_test_id("person-tier-choice").select_option("auto")
    tier.get_by_test_id("person-tier-save").click()
    expect(tier.get_by_test_id("person-tier-value")).to_contain_text("auto")
