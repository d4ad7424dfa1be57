"""Postal addresses in imported files: where a CSV layout keeps each part, and the records.

Cleaning and comparing addresses is the people domain's (`goodword.people.addresses`); this
side reads them the ways address books write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from goodword.io.csvfile import MULTI, Table
from goodword.io.records import AddressRecord
from goodword.people.addresses import PARTS, AddressParts, clean_parts


def clean_address(address: AddressRecord) -> AddressParts | None:
    """The record's parts cleaned; None when it says nothing but a label."""
    return clean_parts([getattr(address, part) for part in PARTS])


class AddressNames(NamedTuple):
    """How a layout names one address's columns after its prefix (`Home `, `Address 1 - `).

    Each part lists the names it goes by across the layouts; `street` lists the cells that
    hold its lines (Street, Street 2, …). `formatted` is the whole address in one cell.
    """

    street: tuple[str, ...]
    po_box: tuple[str, ...] = ()
    city: tuple[str, ...] = ("city",)
    region: tuple[str, ...] = ()
    postcode: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    formatted: tuple[str, ...] = ()


class AddressColumns(NamedTuple):
    """Where one address's parts sit: PO box, city, region, postcode, country and formatted
    text, then the street lines; its label is fixed or read from a label cell."""

    cells: tuple[int, ...]
    label: str | None = None
    label_column: int | None = None
    preferred: bool = False


def address_columns(
    table: Table,
    prefix: str,
    names: AddressNames,
    *,
    label: str | None = None,
    label_column: int | None = None,
    preferred: bool = False,
) -> AddressColumns | None:
    """One address group's columns, or None when the header has none of them, so a file
    without addresses pays nothing for them row by row."""
    parts = (names.po_box, names.city, names.region, names.postcode, names.country)
    cells = tuple(table.index(*(prefix + name for name in part)) for part in parts)
    cells += (table.index(*(prefix + name for name in names.formatted)),)
    cells += table.present(*(prefix + name for name in names.street))
    if all(at == table.width for at in cells):
        return None
    return AddressColumns(cells, label, label_column, preferred)


def each_value(texts: list[str]) -> list[list[str]]:
    """Google packs several addresses with one label into one group, each part's values
    joined by ` ::: ` in its own cell; a part an address lacks is blank."""
    if not any(MULTI in text for text in texts):
        return [texts]
    split = [text.split(MULTI) for text in texts]
    count = max(len(values) for values in split)
    return [[values[n] if n < len(values) else "" for values in split] for n in range(count)]


def address_record(
    parts: Sequence[str], label: str | None, preferred: bool
) -> AddressRecord | None:
    """One address from its cells (as `AddressColumns.cells` orders them); None when blank."""
    po_box, city, region, postcode, country, formatted, *lines = (
        part.strip().replace("\r\n", "\n") for part in parts
    )
    street = "\n".join(line for line in lines if line)
    if not (street or po_box or city or region or postcode or country):
        if not formatted:
            return None  # a label alone says nothing
        street = formatted  # all the exporter wrote is the address as one text
    return AddressRecord(
        label=label,
        po_box=po_box or None,
        street=street or None,
        city=city or None,
        region=region or None,
        postcode=postcode or None,
        country=country or None,
        preferred=preferred,
    )


def place_of(addresses: list[AddressRecord]) -> tuple[str | None, str | None]:
    """Where someone is: the preferred address's city and country, else the first address's
    that has either. Both come from one address, so a work city never gets a home country."""
    for address in sorted(addresses, key=lambda address: not address.preferred):
        if address.city or address.country:
            return address.city, address.country
    return None, None
