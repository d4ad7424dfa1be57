"""`report roi` on SQLite and PostgreSQL: the same hand-worked numbers, the charts, the errors."""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from cli.support import Cli, assert_user_error


def referral(cli: Cli, *args: str, won: str | None = None, lost: bool = False) -> None:
    made = cli.json("referral", "add", *args, "--on", "2026-02-01", "--json")
    if won:
        cli.ok("referral", "move", str(made["id"]), "won", "--on", won)
    if lost:
        cli.ok("referral", "move", str(made["id"]), "lost", "--on", "2026-03-01")


@pytest.fixture
def book(cli: Cli) -> Cli:
    """Chains of one, two and three links, a lost deal, a euro deal, and two events."""
    for name in ("Ann Lee", "Bob Stone", "Cat Diaz", "Dan Wu", "Nia Ray"):
        cli.ok("person", "add", name)
    cli.ok("event", "add", "Chamber Breakfast", "--on", "2026-01-10", "--cost", "100")
    cli.ok("event", "add", "Gala", "--on", "2026-01-12", "--cost", "50")
    cli.ok("met", "Chamber Breakfast", "Ann Lee")
    cli.ok("met", "Gala", "Nia Ray")
    referral(cli, "--from", "Ann Lee", "--prospect", "Pia One", "--value", "1000", won="2026-03-01")
    referral(
        cli, "--from", "Ann Lee", "--via", "Bob Stone", "--prospect", "Quinn Two",
        "--value", "900", won="2026-03-01",
    )  # fmt: skip
    referral(
        cli, "--from", "Cat Diaz", "--via", "Bob Stone", "--via", "Dan Wu",
        "--prospect", "Rob Three", "--value", "1000", won="2026-05-01",
    )  # fmt: skip
    referral(cli, "--from", "Cat Diaz", "--prospect", "Sue Four", "--value", "5000", lost=True)
    referral(
        cli, "--from", "Dan Wu", "--prospect", "Uma Five", "--value", "200", "--currency", "EUR",
        won="2026-03-01",
    )  # fmt: skip
    return cli


def advocates(report: dict[str, Any]) -> list[tuple[str, str, int, str]]:
    return [(r["person"]["name"], r["won"], r["count"], r["currency"]) for r in report["advocates"]]


def test_each_model_credits_the_chain_as_worked_out_by_hand(book: Cli) -> None:
    reports = {m: book.json("report", "roi", "--model", m, "--json") for m in
               ("last-touch", "first-touch", "linear")}  # fmt: skip

    assert advocates(reports["last-touch"]) == [
        ("Dan Wu", "200.00", 1, "EUR"),
        ("Ann Lee", "1900.00", 2, "USD"),
        ("Cat Diaz", "1000.00", 1, "USD"),
    ]
    assert advocates(reports["first-touch"]) == [
        ("Dan Wu", "200.00", 1, "EUR"),
        ("Ann Lee", "1000.00", 1, "USD"),
        ("Dan Wu", "1000.00", 1, "USD"),
        ("Bob Stone", "900.00", 1, "USD"),
    ]
    assert advocates(reports["linear"]) == [
        ("Dan Wu", "200.00", 1, "EUR"),
        ("Ann Lee", "1450.00", 2, "USD"),
        ("Bob Stone", "783.33", 2, "USD"),
        ("Cat Diaz", "333.34", 1, "USD"),
        ("Dan Wu", "333.33", 1, "USD"),
    ]
    assert {r["model"] for r in reports.values()} == {"last-touch", "first-touch", "linear"}


def test_the_document_holds_events_sources_funnel_and_concentration(book: Cli) -> None:
    report = book.json("report", "roi", "--json")

    assert report.keys() >= {"model", "since", "until", "advocates", "events", "sources",
                             "funnel", "concentration"}  # fmt: skip
    events = [
        (e["event"]["name"], e["revenue"], e["cost"], e["roi"], e["currency"])
        for e in report["events"]
    ]
    assert events == [
        ("Chamber Breakfast", "1900.00", "100.00", 19.0, "USD"),
        ("Gala", "0.00", "50.00", 0.0, "USD"),
    ]
    sources = report["sources"]
    assert (sources["clients_through_advocates"], sources["direct_clients"]) == (4, 0)
    assert sources["won_through_advocates"] == [
        {"amount": "200.00", "currency": "EUR"},
        {"amount": "2900.00", "currency": "USD"},
    ]
    funnel = report["funnel"]
    assert (funnel["advocates"], funnel["referrals"], funnel["won"], funnel["lost"]) == (3, 5, 4, 1)
    assert funnel["rates"]["referral_to_won"] == pytest.approx(0.8)
    top = {t["currency"]: t["share"] for t in report["concentration"]["top_20_percent"]}
    assert top == {"EUR": 1.0, "USD": pytest.approx(1900 / 2900)}


def test_since_and_until_keep_business_won_in_the_period(book: Cli) -> None:
    march = book.json("report", "roi", "--since", "2026-03-01", "--until", "2026-03-31", "--json")
    later = book.json("report", "roi", "--since", "2026-04-01", "--json")

    assert (march["since"], march["until"]) == ("2026-03-01", "2026-03-31")
    assert advocates(march) == [("Dan Wu", "200.00", 1, "EUR"), ("Ann Lee", "1900.00", 2, "USD")]
    assert advocates(later) == [("Cat Diaz", "1000.00", 1, "USD")]
    assert later["events"] == []  # both were held before April


def test_a_client_tie_without_a_referral_is_direct_business(cli: Cli) -> None:
    cli.ok("person", "add", "Zoe Park")
    cli.ok("knows", "Zoe Park", "me", "--kind", "client")

    sources = cli.json("report", "roi", "--json")["sources"]

    assert (sources["clients_through_advocates"], sources["direct_clients"]) == (0, 1)


def test_referrals_you_gave_are_counted_apart_from_business_won(cli: Cli) -> None:
    cli.ok("person", "add", "Ann Lee")
    cli.ok("referral", "give", "--to", "Ann Lee", "--prospect", "Vic Six")

    report = cli.json("report", "roi", "--json")

    assert report["sources"]["referrals_given"] == 1
    assert (report["advocates"], report["funnel"]["referrals"]) == ([], 0)


def test_the_tables_name_advocates_and_events_without_return(book: Cli) -> None:
    shown = book.ok("report", "roi").stdout

    assert "Ann Lee" in shown
    assert "no return" in shown


def test_an_svg_chart_is_well_formed_svg(book: Cli, tmp_path: Path) -> None:
    path = tmp_path / "roi.svg"

    book.ok("report", "roi", "--chart", str(path))

    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Ann Lee" in path.read_text()


def test_a_png_chart_is_a_png_image_of_real_size(book: Cli, tmp_path: Path) -> None:
    path = tmp_path / "roi.png"

    book.ok("report", "roi", "--json", "--chart", str(path))

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert min(width, height) >= 300


def test_an_empty_network_gives_an_empty_report_and_a_chart(cli: Cli, tmp_path: Path) -> None:
    report = cli.json("report", "roi", "--json", "--chart", str(tmp_path / "empty.svg"))

    assert (report["advocates"], report["events"]) == ([], [])
    assert report["funnel"]["median_days_to_first_referral"] is None


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--model", "u-shaped"), "u-shaped"),
        (("--since", "March"), "March"),
        (("--since", "2026-05-01", "--until", "2026-04-01"), "--since"),
        (("--chart", "roi.pdf"), "roi.pdf"),
    ],
)
def test_bad_options_are_refused_in_one_line(cli: Cli, args: tuple[str, ...], needle: str) -> None:
    assert_user_error(cli("report", "roi", *args), needle)


def test_a_chart_without_matplotlib_says_which_extra_to_install(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed

    result = cli("report", "roi", "--chart", str(tmp_path / "roi.svg"))

    assert_user_error(result, "goodword[charts]")
    assert not (tmp_path / "roi.svg").exists()
