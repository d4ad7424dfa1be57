"""Address-book columns goodword has no field for, kept as a note so nothing is lost.

Outlook alone exports some forty such columns (Department, Spouse, Referred By, …). Each
non-empty one becomes `Name: value` in one note on the person; a numbered label/value pair
(Google's `Event 1 - Label` = Anniversary, `Event 1 - Value` = 2010-05-01) reads as
`Anniversary: 2010-05-01`. Columns that only repeat what is kept elsewhere, or hold an
exporter's default (`Priority: Normal`), are left out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from goodword.io.csvfile import Table, header_key

NOTE_TITLE = "From the address book"
# Derived from fields goodword keeps, or links into the exporter's own service.
_REPEATS = {"initials", "photo", "internet free busy", "e-mail display name", "e-mail type"}
_REPEATS |= {f"e-mail {n} {what}" for n in (2, 3) for what in ("display name", "type")}
# What Outlook writes in a column nobody filled in.
_DEFAULTS = {"normal", "false", "unspecified", "0/0/00", "0/0/0000", "0.0.00"}
# Outlook's `Title` is the name prefix (Dr., Mrs.), never the job title.
_RENAMED = {"title": "Name prefix"}
_PAIR = re.compile(r"(.+ [0-9]{1,4}) - (label|type|value)")


class Extra(NamedTuple):
    """A column to keep: its name, its cell, and the cell naming it instead, if any."""

    name: str
    value: int
    label: int | None = None


def extra_columns(table: Table) -> tuple[Extra, ...]:
    """The columns of `table` no parser looked up; call it after the plan is made."""
    unread = table.unread()
    first = {header_key(name): i for i, name in reversed(unread)}  # the first of each name
    extras: list[Extra] = []
    for i, name in unread:
        key = header_key(name)
        pair = _PAIR.fullmatch(key)
        if key in _REPEATS or (pair and pair[2] != "value"):
            continue
        if pair:
            labels = (first.get(f"{pair[1]} - {word}") for word in ("label", "type"))
            label = next((at for at in labels if at is not None), None)
            extras.append(Extra(name.rsplit(" - ", 1)[0], i, label))
        else:
            extras.append(Extra(_RENAMED.get(key, name), i))
    return tuple(extras)


def extra_items(extras: tuple[Extra, ...], row: list[str]) -> dict[str, str]:
    """The row's non-empty extra cells, by the name a person would give them."""
    found: dict[str, str] = {}
    for name, at, label_at in extras:
        value = row[at].strip()
        if not value or value.casefold() in _DEFAULTS:
            continue
        label = (row[label_at].strip().lstrip("* ") if label_at is not None else "") or name
        found[label] = f"{found[label]}, {value}" if label in found else value
    return found


def extras_note(items: dict[str, str]) -> str:
    """`From the address book: Department: Sales; Referred By: Bob Stone`."""
    return f"{NOTE_TITLE}: " + "; ".join(f"{name}: {value}" for name, value in items.items())
