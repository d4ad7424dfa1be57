"""Setting keys: defaults, what each accepts, and the errors that name the accepted ones."""

from __future__ import annotations

import pytest

from goodword.errors import InvalidInput
from goodword.settings.keys import KEYS, Settings, key_named


def test_the_defaults_are_the_documented_ones() -> None:
    defaults = Settings.defaults()

    assert (defaults["cadence.inner"], defaults["cadence.active"]) == (30, 60)
    assert (defaults["cadence.potential"], defaults["agenda.limit"]) == (90, 10)
    assert defaults["agenda.event_hours"] == 48


def test_an_unknown_key_names_every_accepted_key() -> None:
    with pytest.raises(InvalidInput) as caught:
        key_named("cadence.close")

    message = str(caught.value)
    assert "Unknown setting 'cadence.close'" in message
    assert all(key.name in message for key in KEYS)


@pytest.mark.parametrize("raw", ["0", "-5", "abc", "1.5", "", "3651", "²", "١٢", "1" * 5000])
def test_a_cadence_outside_its_range_is_refused_with_the_range(raw: str) -> None:
    with pytest.raises(InvalidInput, match="from 1 to 3650"):
        key_named("cadence.inner").parse(raw)


def test_a_stored_value_that_no_longer_parses_counts_as_unset() -> None:
    assert Settings.of({"agenda.limit": "many", "cadence.inner": " 21 "})["agenda.limit"] == 10
    assert Settings.of({"cadence.inner": " 21 "})["cadence.inner"] == 21
