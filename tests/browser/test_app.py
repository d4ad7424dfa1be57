"""The web app in a real browser: capture at an event on a phone, read why someone is an
advocate, find a way into an organisation, edit inline; a screenshot of each main page."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from browser.conftest import Server, screenshot


def test_capture_a_person_at_an_event_on_a_phone(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.goto(server.url + "/capture")

    phone.get_by_test_id("capture-new-event").fill("Chamber breakfast")
    phone.get_by_test_id("capture-name").fill("Eve Park")
    phone.get_by_test_id("capture-org").fill("Umbrella")
    phone.get_by_test_id("capture-note").fill("Met at the coffee table; needs payroll")
    phone.get_by_test_id("capture-submit").click()

    expect(phone.get_by_test_id("captured-message")).to_contain_text("Eve Park")
    expect(phone.get_by_test_id("captured-message")).to_contain_text("Chamber breakfast")
    # The event stays picked for the next person met there.
    picked = phone.get_by_test_id("capture-event").evaluate("s => s.selectedOptions[0].text")
    assert picked.startswith("Chamber breakfast")
    wide = phone.evaluate("document.documentElement.scrollWidth")
    assert wide <= 375, f"the capture page is {wide}px wide on a 375px screen"
    screenshot(phone, "capture-375px")
    phone.get_by_test_id("person-link").click()
    expect(phone.get_by_test_id("person-name")).to_have_text("Eve Park")
    expect(phone.get_by_test_id("timeline")).to_contain_text("Chamber breakfast")

    # Met today, so Today says to follow them up; a coffee logged there answers it.
    phone.goto(server.url + "/")
    entry = phone.locator("[data-testid=agenda-item]", has_text="Eve Park")
    expect(entry).to_be_visible()
    screenshot(phone, "today-375px")
    entry.get_by_test_id("agenda-coffee").click()
    expect(entry).to_have_count(0)
    context.close()


def test_snooze_an_entry_on_today(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    entry = page.get_by_test_id("agenda-item").first
    who = entry.get_attribute("data-person")

    entry.get_by_test_id("agenda-snooze-until").select_option(label="in a week")
    entry.get_by_test_id("agenda-snooze").click()

    expect(page.locator(f"[data-testid=agenda-item][data-person='{who}']")).to_have_count(0)


def test_open_an_advocate_and_read_the_explanation(page: Page, server: Server) -> None:
    page.goto(server.url + "/advocates")
    first = page.get_by_test_id("advocate").first

    first.locator("summary").click()

    expect(first.get_by_test_id("advocate-explanation")).to_be_visible()
    expect(first.get_by_test_id("advocate-reasons").locator("li").first).to_be_visible()
    screenshot(page, "advocates")
    first.get_by_test_id("person-link").click()
    expect(page.get_by_test_id("scores")).to_be_visible()
    expect(page.get_by_test_id("reasons").locator("li").first).to_be_visible()
    screenshot(page, "person")


def test_find_a_path_to_an_organisation(page: Page, server: Server) -> None:
    page.goto(server.url + "/paths")

    page.get_by_test_id("paths-to").select_option("org")
    page.get_by_test_id("paths-query").fill("Globex")
    page.get_by_test_id("paths-submit").click()

    # The page opens on the paths to your ideal clients (Bob and Cara); the answer is Bob's.
    expect(page.get_by_test_id("path")).to_have_count(1)
    path = page.get_by_test_id("path")
    expect(path).to_contain_text("Bob Stone")
    expect(path).to_contain_text("Ann Lee")
    path.locator("summary").click()
    expect(path.get_by_test_id("path-draft")).to_be_visible()
    assert "Bob Stone" in path.get_by_test_id("path-draft").input_value()
    screenshot(page, "paths")


def test_edit_a_person_inline_and_log_a_coffee(page: Page, server: Server) -> None:
    page.goto(server.url + "/people?q=Cara")
    page.get_by_test_id("person-link").first.click()

    page.get_by_test_id("edit-open").click()
    page.locator("[data-testid=edit-form] input[name=city]").fill("Leeds")
    page.get_by_test_id("edit-save").click()
    expect(page.get_by_test_id("profile-fields")).to_contain_text("Leeds")

    page.get_by_test_id("log-note").fill("talked about the audit")
    page.get_by_test_id("log-submit").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("talked about the audit")


def test_move_a_referral_on_the_board(page: Page, server: Server) -> None:
    page.goto(server.url + "/referrals")
    card = page.locator("[data-testid=board-column][data-status=received] [data-testid=referral]")
    expect(card).to_have_count(1)
    referral = card.get_attribute("data-id")

    card.get_by_test_id("move-status").select_option("proposal")
    card.get_by_test_id("move").click()

    moved = page.locator(f"[data-testid=referral][data-id='{referral}']")
    expect(moved).to_have_attribute("data-status", "proposal")
    expect(moved.locator("xpath=ancestor::section")).to_have_attribute("data-status", "proposal")

    # Backwards is refused: the error shows and the card stays where it is.
    moved.get_by_test_id("move-status").select_option("met")
    moved.get_by_test_id("move").click()
    expect(page.get_by_test_id("error")).to_be_visible()
    expect(moved).to_have_attribute("data-status", "proposal")
    screenshot(page, "referrals-board")


def test_the_map_draws(page: Page, server: Server) -> None:
    console: list[str] = []
    page.on(
        "console", lambda message: console.append(message.text) if message.type == "error" else None
    )
    page.goto(server.url + "/map")

    expect(page.get_by_test_id("map")).to_have_attribute("data-drawn", "true")
    expect(page.locator("[data-testid=map] canvas").first).to_be_visible()
    # Everyone is shown until a filter hides those without the role.
    expect(page.get_by_test_id("map-count")).to_have_text(re.compile(r"^(\d+) of \1 people"))
    page.get_by_test_id("map-role").select_option("advocate")
    expect(page.get_by_test_id("map-count")).to_have_text(re.compile(r"^2 of \d+ people"))
    page.get_by_test_id("map-role").select_option("")
    page.get_by_test_id("map-tag").fill("no such tag")
    expect(page.get_by_test_id("map-count")).to_have_text(re.compile(r"^1 of \d+ people"))
    page.get_by_test_id("map-tag").fill("")
    screenshot(page, "map")
    assert console == []


def test_main_pages_draw_without_errors(page: Page, server: Server) -> None:
    for name, path, part in [
        ("today", "/", "agenda"),
        ("people", "/people", "people-results"),
        ("referrals", "/referrals", "board"),
        ("reports", "/reports", "report-funnel"),
        ("settings", "/settings", "icp"),
    ]:
        page.goto(server.url + path)
        expect(page.get_by_test_id(part)).to_be_visible()
        screenshot(page, name)


def test_an_error_from_an_inline_edit_shows_in_the_page(page: Page, server: Server) -> None:
    page.goto(server.url + "/people?q=Bob")
    page.get_by_test_id("person-link").first.click()
    page.get_by_test_id("edit-open").click()

    # Past the browser's own check, so the server's answer is what shows.
    page.locator("[data-testid=edit-form] input[name=email]").fill("not an e-mail")
    page.locator("[data-testid=edit-form] input[name=email]").evaluate("i => i.type = 'text'")
    page.get_by_test_id("edit-save").click()

    expect(page.get_by_test_id("error-message")).to_be_visible()
    expect(page.get_by_test_id("edit-form")).to_be_visible()
