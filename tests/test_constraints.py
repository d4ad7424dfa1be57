"""The lock in constraints.txt covers what pyproject.toml asks for, and is what is installed."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCK_LINES = [
    line
    for line in (ROOT / "constraints.txt").read_text().splitlines()
    if line.strip() and not line.lstrip().startswith("#")
]


def pins() -> dict[str, str]:
    found = {}
    for line in LOCK_LINES:
        name, _, pinned = line.partition("==")
        found[canonicalize_name(name)] = pinned.strip()
    return found


def requirements() -> list[Requirement]:
    declared = [*PROJECT["dependencies"]]
    for extra in ("postgres", "dev"):
        declared += PROJECT["optional-dependencies"][extra]
    return [r for r in map(Requirement, declared) if canonicalize_name(r.name) != "goodword"]


def test_every_line_pins_one_version_from_the_registry() -> None:
    loose = [line for line in LOCK_LINES if "==" not in line or " " in line.strip()]

    # A URL, a path or an index option would tie the lock to the machine that wrote it.
    assert loose == [], f"not a plain name==version pin: {loose}"


@pytest.mark.parametrize("requirement", requirements(), ids=str)
def test_each_dependency_is_pinned_within_its_range(requirement: Requirement) -> None:
    pinned = pins().get(canonicalize_name(requirement.name))

    assert pinned is not None, f"{requirement.name} is not in constraints.txt: run `make lock`"
    assert requirement.specifier.contains(pinned, prereleases=True), (
        f"{requirement.name}=={pinned} is outside {requirement}: run `make lock`"
    )


@pytest.mark.parametrize("name", sorted(pins()))
def test_the_installed_version_is_the_pinned_one(name: str) -> None:
    try:
        installed = version(name)
    except PackageNotFoundError:
        pytest.skip(f"{name} is not needed on this platform")

    assert installed == pins()[name], (
        f"{name} {installed} is installed: `make test` installs the pins"
    )
