"""Postal addresses, cleaned part by part and compared the way a person reads them.

The functions are pure: no database. Two addresses are the same when every part but the
label reads the same, ignoring case, accents and spacing, so re-importing a file or merging
two records adds no second copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from goodword.people.models import Address
from goodword.storage.base import column_length
from goodword.text import clean_name, fold

PARTS = ("label", "po_box", "street", "city", "region", "postcode", "country")
# The columns' sizes: a longer part does not fit.
LIMITS = {part: column_length(Address, part) for part in PARTS}

# The parts in PARTS order, each cleaned or None.
AddressParts = tuple[
    str | None, str | None, str | None, str | None, str | None, str | None, str | None
]


def clean_parts(raw: Sequence[str | None]) -> AddressParts | None:
    """The parts (in PARTS order) cleaned, the street keeping its lines (building, floor);
    None when nothing but a label is left."""
    label, po_box, street, city, region, postcode, country = (
        _clean(part, name) for name, part in zip(PARTS, raw, strict=True)
    )
    parts = (label, po_box, street, city, region, postcode, country)
    return parts if any(parts[1:]) else None


def _clean(text: str | None, part: str) -> str | None:
    if not text:
        return None
    if part != "street":
        return clean_name(text) or None
    lines = (clean_name(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line) or None


def too_long(parts: AddressParts) -> list[str]:
    """The names of the parts longer than their column holds."""
    return [
        name for name, part in zip(PARTS, parts, strict=True) if part and len(part) > LIMITS[name]
    ]


def cut_to_fit(parts: AddressParts) -> AddressParts:
    label, po_box, street, city, region, postcode, country = (
        part[: LIMITS[name]] if part else part for name, part in zip(PARTS, parts, strict=True)
    )
    return label, po_box, street, city, region, postcode, country


def address_key(parts: Sequence[str | None]) -> tuple[str, ...]:
    """What makes two addresses the same: every part but the label, folded."""
    return tuple(fold(" ".join(part.split())) if part else "" for part in parts[1:])


def key_of(address: object) -> tuple[str, ...]:
    """`address_key` of anything with the parts as attributes: a row, a model, a record."""
    return address_key([getattr(address, part) for part in PARTS])
