"""Plain records every importer produces: no database, no SQLAlchemy, easy to test and fuzz.

A file parses into one `Batch`. People carry a `key` unique within the batch; ties and
interactions name people by that key. Importers that identify people by e-mail (calendars,
mail) use the lower-cased address as the key; `ME` names the owner.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

ME = "@me"


@dataclass(slots=True)
class Handle:
    """A raw handle as the file has it; the writer normalises and validates it."""

    kind: str  # email | phone | url | linkedin | im (`service:handle`, e.g. `skype:ann.lee`)
    value: str
    label: str | None = None
    preferred: bool = False
    # Set on export for a value stored as typed because it did not normalise (`pager 1234`).
    as_typed: bool = False


@dataclass(slots=True)
class AddressRecord:
    """A postal address, part by part as vCard's ADR has them; blank parts are None."""

    label: str | None = None  # home | work | other | a custom label
    po_box: str | None = None
    street: str | None = None  # street and extended address (suite, building), lines joined
    city: str | None = None
    region: str | None = None  # state, province, county
    postcode: str | None = None
    country: str | None = None
    preferred: bool = False


PERSON = "person"
ORGANISATION = "organisation"  # an organisation's own card: a switchboard, `info@`


@dataclass(slots=True)
class PersonRecord:
    """A contact: a person, or an organisation's own card (`kind`), kept alike."""

    key: str
    name: str
    line: int  # where the record starts in the file, for messages
    handles: list[Handle] = field(default_factory=list)
    org: str | None = None
    title: str | None = None
    industry: str | None = None
    city: str | None = None
    country: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    birthday: tuple[int | None, int, int] | None = None  # (year or None, month, day)
    connected_on: date | None = None  # LinkedIn: when the owner connected with them
    nickname: str | None = None
    # Every address; `city` and `country` above are the preferred one's, for the ICP.
    addresses: list[AddressRecord] = field(default_factory=list)
    kind: str = PERSON  # PERSON | ORGANISATION


@dataclass(slots=True)
class TieRecord:
    a: str
    b: str
    line: int
    kind: str = "knows"
    strength: float | None = None
    note: str | None = None
    source: str = "imported"  # stated | imported | inferred
    since: date | None = None


@dataclass(slots=True)
class InteractionRecord:
    kind: str  # meeting | coffee | call | video | email | message | event | brief
    at: datetime  # aware
    participants: list[str]  # person keys, ME included when the owner took part
    line: int
    initiated_by: str | None = None
    note: str | None = None
    external_id: str | None = None


@dataclass(slots=True)
class Skip:
    line: int
    reason: str


@dataclass(slots=True)
class Batch:
    """Everything one file holds. `skipped` lists what the parser left out, and why;
    `photos` the lines of records imported without their photo, which goodword does not keep."""

    people: list[PersonRecord] = field(default_factory=list)
    ties: list[TieRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    photos: list[int] = field(default_factory=list)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a file becomes records or records become rows.

    A large import keeps every record alive, so the collector would rescan them again and
    again, more than halving parsing speed; records hold no reference cycles, so pausing
    it frees nothing late. (Process-wide, but only for the seconds a parse takes.)
    Afterwards the objects made meanwhile join the oldest generation unscanned (freeze, then
    unfreeze): otherwise the next young collection walks every one of them at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
