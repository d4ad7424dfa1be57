"""`goodword serve` prints where it is, and warns before listening beyond this machine."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
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
