"""Postal addresses from imports, cleaned and compared the way a person would read them.

Pure: no database. Two addresses are the same when every part but the label reads the same,
ignoring case, accents and spacing, so re-importing a file adds no second copy.
"""

from __future__ import annotations

from goodword.io.records import AddressRecord
from goodword.text import clean_name, fold

# label, po_box, street, city, region, postcode, country (ADDRESS_PARTS), each cleaned or None
AddressParts = tuple[
    str | None, str | None, str | None, str | None, str | None, str | None, str | None
]


def clean_address(address: AddressRecord) -> AddressParts | None:
    """The address's parts cleaned, the street keeping its lines; None when it says nothing."""
    street = "\n".join(
        line for line in (clean_name(part) for part in (address.street or "").splitlines()) if line
    )
    label, po_box, city, region, postcode, country = (
        clean_name(part or "") or None
        for part in (
            address.label,
            address.po_box,
            address.city,
            address.region,
            address.postcode,
            address.country,
        )
    )
    parts = (label, po_box, street or None, city, region, postcode, country)
    return parts if any(parts[1:]) else None


def address_key(parts: AddressParts) -> tuple[str, ...]:
    """What makes two addresses the same: every part but the label, folded."""
    return tuple(fold(" ".join(part.split())) if part else "" for part in parts[1:])
