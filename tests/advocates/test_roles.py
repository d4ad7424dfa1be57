"""Connector roles are read from titles, organisations, industries and tags."""

from __future__ import annotations

import pytest

from goodword.advocates.roles import connector_bits, connector_roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("President, Chamber of Commerce", ["chamber of commerce"]),
        ("Senior Banker", ["banker"]),
        ("Solicitor", ["lawyer"]),
        ("Board member", ["board or committee"]),
        ("Events Organiser", ["event organiser"]),
        ("Embankment Works", []),
        ("Software Engineer", []),
    ],
)
def test_connector_roles_are_found_by_whole_words(text: str, roles: list[str]) -> None:
    assert connector_roles(connector_bits(text)) == roles
