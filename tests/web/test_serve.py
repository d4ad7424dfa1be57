"""`goodword serve` prints where it is, and warns before listening beyond this machine."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _first_words(tmp_path: Path, *args: str) -> str:
    """What `serve` says before it starts answering (stdout and stderr), then stops it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}
    command = [sys.executable, "-m", "goodword", "--db", str(tmp_path / "g.db"), "serve", *args]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert process.stdout is not None
        said = ""
        deadline = time.monotonic() + 30
        while "Ctrl-C" not in said and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            said += line
        return said
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_prints_the_url_it_answers_on(tmp_path: Path) -> None:
    port = _free_port()

    said = _first_words(tmp_path, "--port", str(port))

    assert f"http://127.0.0.1:{port}/" in said
    assert "authentication" not in said


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_serving_beyond_this_machine_warns_there_is_no_authentication(
    tmp_path: Path, host: str
) -> None:
    said = _first_words(tmp_path, "--host", host, "--port", str(_free_port()))

    assert "no authentication" in said


def _alive(pid: int) -> bool:
    """Running, not merely waiting for its parent to collect its exit status."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_two_workers_answer_and_ctrl_c_stops_them_all(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWORD_")}
    command = [sys.executable, "-m", "goodword", "--db", str(tmp_path / "g.db"), "serve"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        pages = [_get(f"http://127.0.0.1:{port}{path}") for path in ("/", "/advocates", "/")]
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert pages == [200, 200, 200]
        assert len(children) >= 2

        server.send_signal(signal.SIGINT)

        assert server.wait(timeout=20) == 0
        deadline = time.monotonic() + 10
        while any(_alive(int(c)) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(int(c)) for c in children)
        assert server.stderr is not None
        assert "Traceback" not in server.stderr.read()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=10)


def _get(url: str) -> int:
    """The status of the first answer, waiting up to 60 s for the server to start."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return int(answer.status)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
