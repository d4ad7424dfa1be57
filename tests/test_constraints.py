"""The lock in constraints.txt covers what pyproject.toml asks for, and is what is installed."""

from __future__ import annotations

import tomllib
from importlib.metadata import requires, version
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


def needed_here() -> set[str]:
    """Every distribution the installed goodword with its `postgres` and `dev` extras needs on
    this machine: each one's own requirements walked, their markers evaluated here. A pin
    outside it (a Windows-only package, say) is one this platform never installs."""
    needed: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[str, frozenset[str]]] = [("goodword", frozenset({"postgres", "dev"}))]
    while todo:
        name, extras = todo.pop()
        for line in requires(name) or []:
            requirement = Requirement(line)
            marker = requirement.marker
            wanted = marker is None or any(marker.evaluate({"extra": e}) for e in extras or {""})
            key = canonicalize_name(requirement.name)
            walk = (key, frozenset(requirement.extras))
            if wanted and walk not in seen:
                seen.add(walk)
                needed.add(key)
                todo.append((requirement.name, frozenset(requirement.extras)))
    return needed - {"goodword"}


@pytest.mark.parametrize("name", sorted(needed_here()))
def test_what_this_machine_needs_is_pinned_and_installed_at_its_pin(name: str) -> None:
    pinned = pins().get(name)

    assert pinned is not None, f"{name} is needed but not in constraints.txt: run `make lock`"
    assert version(name) == pinned, (
        f"{name} {version(name)} is installed: `make test` installs the pins"
    )
