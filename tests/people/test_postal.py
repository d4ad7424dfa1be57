"""An address reads in its country's order: postcode after the city in Britain, before it in
Germany and France, first of all in Japan; unknown countries keep the general order."""

from __future__ import annotations

import pytest

from goodword.people.postal import country_code, envelope_lines

# (country as the address book has it, po_box, street, city, region, postcode) -> lines
CASES = [
    (
        ("United Kingdom", None, "10 Downing Street", "London", None, "SW1A 2AA"),
        ["10 Downing Street", "London", "SW1A 2AA", "United Kingdom"],
    ),
    (
        ("GB", None, "1 High St", "Ledbury", "Herefordshire", "HR8 1DS"),
        ["1 High St", "Ledbury", "Herefordshire", "HR8 1DS", "GB"],
    ),
    (
        ("USA", None, "1600 Amphitheatre Pkwy\nBuilding 40", "Mountain View", "CA", "94043"),
        ["1600 Amphitheatre Pkwy", "Building 40", "Mountain View, CA 94043", "USA"],
    ),
    (
        ("U.S.A.", "PO Box 12", None, "Springfield", None, "62701"),
        ["PO Box 12", "Springfield 62701", "U.S.A."],
    ),
    (
        ("Canada", None, "2875 Laurier", "Quebec", "QC", "G1V 2M2"),
        ["2875 Laurier", "Quebec QC G1V 2M2", "Canada"],
    ),
    (
        ("Australia", None, "1 George St", "Sydney", "NSW", "2000"),
        ["1 George St", "Sydney NSW 2000", "Australia"],
    ),
    (
        ("Deutschland", None, "Unter den Linden 1", "Berlin", None, "10117"),
        ["Unter den Linden 1", "10117 Berlin", "Deutschland"],
    ),
    (
        ("DE", None, "Marienplatz 8", "München", "Bayern", "80331"),
        ["Marienplatz 8", "80331 München", "Bayern", "DE"],
    ),
    (
        ("france", None, "55 Rue du Faubourg Saint-Honoré", "Paris", None, "75008"),
        ["55 Rue du Faubourg Saint-Honoré", "75008 Paris", "france"],
    ),
    (
        ("España", None, "Calle de Alcalá 1", "Madrid", "Madrid", "28014"),
        ["Calle de Alcalá 1", "28014 Madrid Madrid", "España"],
    ),
    (
        ("Brasil", None, "Av. Paulista 1000", "São Paulo", "SP", "01310-100"),
        ["Av. Paulista 1000", "São Paulo - SP", "01310-100", "Brasil"],
    ),
    (
        ("Japan", None, "1-1 Chiyoda", "Chiyoda-ku", "Tokyo", "100-8111"),
        ["100-8111", "Tokyo Chiyoda-ku", "1-1 Chiyoda", "Japan"],
    ),
    (
        ("Atlantis", None, "1 Coral Way", "Poseidonia", "Deep", "A-1"),
        ["1 Coral Way", "A-1 Poseidonia Deep", "Atlantis"],
    ),
    (
        (None, None, "1 Main St", "Leeds", None, "LS1 1AA"),
        ["1 Main St", "LS1 1AA Leeds"],
    ),
    (
        ("United States", None, None, None, "NY", None),
        ["NY", "United States"],
    ),
]


@pytest.mark.parametrize(("parts", "lines"), CASES, ids=[str(c[0][0]) for c in CASES])
def test_an_address_reads_in_its_countrys_order(
    parts: tuple[str | None, ...], lines: list[str]
) -> None:
    country, po_box, street, city, region, postcode = parts

    assert (
        envelope_lines(
            po_box=po_box,
            street=street,
            city=city,
            region=region,
            postcode=postcode,
            country=country,
        )
        == lines
    )


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("uk", "GB"),
        ("Great Britain", "GB"),
        ("u.s.", "US"),
        ("United States of America", "US"),
        ("ÖSTERREICH", "AT"),
        ("België", "BE"),
        ("日本", "JP"),
        ("Narnia", None),
        ("", None),
        (None, None),
    ],
)
def test_a_country_is_known_by_its_code_or_its_name(written: str | None, code: str | None) -> None:
    assert country_code(written) == code
