"""The settings a workspace can change, with their defaults and what each accepts. Pure.

Every setting is a whole number within bounds: a cadence of 0 days or a daily list of a
million items is a typo, and is refused with the range that would be accepted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from goodword.errors import InvalidInput

# ASCII digits only, and few: `int()` also reads `²`-like digits it then refuses, and more
# than 4,300 digits not at all.
_WHOLE = re.compile(r"-?[0-9]{1,18}")


@dataclass(frozen=True)
class Key:
    name: str
    default: int
    low: int
    high: int
    unit: str
    help: str

    def parse(self, raw: str) -> int:
        """Raises: InvalidInput naming the accepted range."""
        text = raw.strip()
        if not _WHOLE.fullmatch(text) or not self.low <= int(text) <= self.high:
            shown = raw if len(raw) <= 40 else f"{raw[:40]}…"
            raise InvalidInput(
                f"Setting {self.name} takes a whole number of {self.unit} "
                f"from {self.low} to {self.high}, not '{shown}'."
            )
        return int(text)


KEYS: tuple[Key, ...] = (
    Key("cadence.inner", 30, 1, 3650, "days", "Stay in touch with your inner tier this often."),
    Key("cadence.active", 60, 1, 3650, "days", "Stay in touch with your active tier this often."),
    Key("cadence.potential", 90, 1, 3650, "days", "Stay in touch with potentials this often."),
    Key("agenda.limit", 10, 1, 1000, "items", "Actions on the daily agenda; the rest wait."),
    Key("agenda.event_hours", 48, 1, 720, "hours", "Follow up people met at an event within."),
    Key("agenda.thank_hours", 24, 1, 720, "hours", "Thank for a referral (and its win) within."),
    Key("agenda.step_days", 14, 1, 365, "days", "Quiet days before the next ladder step."),
    Key("agenda.dormant_days", 180, 30, 3650, "days", "Silence that makes a strong tie dormant."),
    Key("agenda.give_back_margin", 2, 1, 100, "gives", "Gives more than yours that call for one."),
    Key("tier.inner.size", 15, 0, 1_000_000, "people", "At most this many suggested as inner."),
    Key("tier.active.size", 50, 0, 1_000_000, "people", "At most this many suggested as active."),
    Key("tier.potential.size", 150, 0, 1_000_000, "people", "At most this many as potential."),
)
BY_NAME: Mapping[str, Key] = MappingProxyType({key.name: key for key in KEYS})


def key_named(name: str) -> Key:
    """Raises: InvalidInput naming every accepted key."""
    found = BY_NAME.get(name.strip().lower())
    if found is None:
        raise InvalidInput(
            f"Unknown setting '{name}'; use one of: {', '.join(k.name for k in KEYS)}."
        )
    return found


@dataclass(frozen=True)
class Settings:
    """Every key's value: what the workspace set, else the default."""

    values: Mapping[str, int]

    def __getitem__(self, name: str) -> int:
        return self.values[name]

    @classmethod
    def of(cls, stored: Mapping[str, str]) -> Settings:
        """A stored value that no longer parses (an archive edited by hand) counts as unset."""
        values = {}
        for key in KEYS:
            raw = stored.get(key.name)
            try:
                values[key.name] = key.default if raw is None else key.parse(raw)
            except InvalidInput:
                values[key.name] = key.default
        return cls(MappingProxyType(values))

    @classmethod
    def defaults(cls) -> Settings:
        return cls.of({})
