"""A real `goodword serve` on a free port over a temporary SQLite file, driven in Debian's
Chromium by Playwright (which installs no browser of its own here).

Without /usr/bin/chromium the tests skip, saying why; in CI (`CI` set) they fail instead, so
a missing browser never passes for green.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from goodword.clock import utcnow
from goodword.interactions.models import InteractionKind
from goodword.offering.models import IcpField, IcpOperator
from goodword.offering.service import add_criterion
from goodword.people.service import PersonFields, edit_person, get_owner
from goodword.profiles.service import (
    add_contact,
    log_my_interaction,
    receive_referral,
    record_my_give,
)
from goodword.referrals.models import LedgerKind
from goodword.relationships.service import connect_people
from goodword.workspace import open_workspace

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"CI must install Chromium at {CHROMIUM} (apt-get install chromium)."
        )
    skip = pytest.mark.skip(
        reason=f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(skip)


@dataclass(frozen=True)
class Server:
    url: str
    db: Path


def _seed(db: Path) -> None:
    """You know Ann (CFO at Acme) well; Ann knows Bob, CEO at Globex, a fintech."""
    workspace = open_workspace(str(db))
    try:
        with workspace.transaction() as session:
            me = get_owner(session)
            edit_person(session, person=me, fields=PersonFields(name="Dana Whitfield"))
            add_criterion(
                session, field=IcpField.INDUSTRY, operator=IcpOperator.IS, value="Fintech"
            )
            ann = add_contact(
                session,
                fields=PersonFields(name="Ann Lee", org="Acme", title="CFO", industry="Accounting"),
            )
            bob = add_contact(
                session,
                fields=PersonFields(
                    name="Bob Stone", org="Globex", title="CEO", industry="Fintech"
                ),
            )
            cara = add_contact(
                session,
                fields=PersonFields(
                    name="Cara Diaz", org="Initech", title="COO", industry="Fintech"
                ),
            )
            connect_people(session, a=me, b=ann, strength=0.9)
            connect_people(session, a=ann, b=bob, strength=0.8)
            connect_people(session, a=ann, b=cara, strength=0.7)
            for days in (3, 40, 90):
                log_my_interaction(
                    session, refs=[str(ann.id)], kind=InteractionKind.COFFEE,
                    at=utcnow() - timedelta(days=days), note="catch-up",
                )  # fmt: skip
            record_my_give(
                session, ref=str(ann.id), giving=False, kind=LedgerKind.INTRODUCTION,
                on=utcnow().date(), value=None, currency=None, note="to Cara",
            )  # fmt: skip
            receive_referral(
                session, from_ref=str(ann.id), prospect_ref=str(cara.id), currency=None,
                at=utcnow(),
            )  # fmt: skip
    finally:
        workspace.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("browser") / "goodword.db"
    _seed(db)
    with serving(db) as running:
        yield running


@contextmanager
def serving(db: Path) -> Iterator[Server]:
    """`goodword serve` over `db` on a free port, answering, until the block ends."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}
    env["GOODWORD_CACHE_DIR"] = str(db.parent / "cache")  # uploads waiting to be imported
    command = [sys.executable, "-m", "goodword", "--db", str(db), "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process)
        yield Server(url=url, db=db)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"goodword serve exited {process.returncode}: {output}")
        try:
            with urllib.request.urlopen(url + "/", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"goodword serve did not answer at {url} within 30 s")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized tab that fails the test on any error the page's scripts raise."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == []


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
