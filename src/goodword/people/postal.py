"""A postal address in the order its country's post reads it: postcode before or after the
city, the region beside the city or on a line of its own.

Pure: no database. The formats are those of the countries most contacts live in, after the
Universal Postal Union's and Google's address data; an address in any other country, or
with no country recognised, keeps the general order (postcode, city and region on one line).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from goodword.text import fold

# A line of a format: A street (each of its lines), C city, S region, Z postcode, and the
# text that joins a part to the one before it on the line.
_GENERAL = ("A", "Z C S")
_FORMATS: Mapping[str, tuple[str, ...]] = {
    "GB": ("A", "C", "S", "Z"),
    "IE": ("A", "C", "S", "Z"),
    "US": ("A", "C, S Z"),
    "CA": ("A", "C S Z"),
    "AU": ("A", "C S Z"),
    "NZ": ("A", "C Z"),
    "IN": ("A", "C Z", "S"),
    "DE": ("A", "Z C"),
    "AT": ("A", "Z C"),
    "CH": ("A", "Z C"),
    "FR": ("A", "Z C"),
    "BE": ("A", "Z C"),
    "LU": ("A", "Z C"),
    "NL": ("A", "Z C"),
    "DK": ("A", "Z C"),
    "NO": ("A", "Z C"),
    "SE": ("A", "Z C"),
    "FI": ("A", "Z C"),
    "PL": ("A", "Z C"),
    "CZ": ("A", "Z C"),
    "PT": ("A", "Z C"),
    "ES": ("A", "Z C S"),
    "IT": ("A", "Z C S"),
    "MX": ("A", "Z C, S"),
    "BR": ("A", "C - S", "Z"),
    # Japan and China write from the largest place to the smallest, the postcode first.
    "JP": ("Z", "S C", "A"),
    "CN": ("Z", "S C", "A"),
}

# How a country is written in an address book besides its ISO code: English and local names,
# folded (no case, accents or dots).
_NAMES: Mapping[str, tuple[str, ...]] = {
    "GB": ("gbr", "uk", "united kingdom", "great britain", "britain", "england", "scotland",
           "wales", "northern ireland"),
    "IE": ("irl", "ireland", "eire", "republic of ireland"),
    "US": ("usa", "united states", "united states of america", "america"),
    "CA": ("can", "canada"),
    "AU": ("aus", "australia"),
    "NZ": ("nzl", "new zealand", "aotearoa"),
    "IN": ("ind", "india", "bharat"),
    "DE": ("deu", "germany", "deutschland"),
    "AT": ("aut", "austria", "osterreich"),
    "CH": ("che", "switzerland", "schweiz", "suisse", "svizzera"),
    "FR": ("fra", "france"),
    "BE": ("bel", "belgium", "belgique", "belgie"),
    "LU": ("lux", "luxembourg", "luxemburg"),
    "NL": ("nld", "netherlands", "the netherlands", "holland", "nederland"),
    "DK": ("dnk", "denmark", "danmark"),
    "NO": ("nor", "norway", "norge"),
    "SE": ("swe", "sweden", "sverige"),
    "FI": ("fin", "finland", "suomi"),
    "PL": ("pol", "poland", "polska"),
    "CZ": ("cze", "czechia", "czech republic", "cesko", "ceska republika"),
    "PT": ("prt", "portugal"),
    "ES": ("esp", "spain", "espana"),
    "IT": ("ita", "italy", "italia"),
    "MX": ("mex", "mexico"),
    "BR": ("bra", "brazil", "brasil"),
    "JP": ("jpn", "japan", "nippon", "nihon", "日本"),
    "CN": ("chn", "china", "people's republic of china", "中国"),
}  # fmt: skip
_CODES = {name: code for code, names in _NAMES.items() for name in (code.lower(), *names)}
_PART = re.compile(r"[ACSZ]")


def country_code(country: str | None) -> str | None:
    """The ISO code of a country this module has a format for, from its code or name."""
    if not country:
        return None
    key = " ".join(fold(country).replace(".", " ").split())
    return _CODES.get(key) or _CODES.get(key.replace(" ", ""))


def envelope_lines(
    *,
    po_box: str | None,
    street: str | None,
    city: str | None,
    region: str | None,
    postcode: str | None,
    country: str | None,
) -> list[str]:
    """The address's lines in its country's order, the PO box first and the country last.

    A part the country's format has no place for (a region in Germany) gets a line of its
    own after the city's, so nothing the address book holds is left out.
    """
    parts = {"A": street, "C": city, "S": region, "Z": postcode}
    layout = _FORMATS.get(country_code(country) or "", _GENERAL)
    region_line = [region] if region and not any("S" in line for line in layout) else []
    lines: list[str] = [po_box] if po_box else []
    for template in layout:
        if template == "A":
            lines += street.splitlines() if street else []
            continue
        lines.append(_fill(template, parts))
        if "C" in template:
            lines += region_line
    lines.append(country or "")
    return [line for line in lines if line]


def _fill(template: str, parts: Mapping[str, str | None]) -> str:
    """A line's parts that are present, each after the text the format puts before it."""
    text, start = "", 0
    for match in _PART.finditer(template):
        joiner, start = template[start : match.start()], match.end()
        if value := parts[match.group()]:
            text += f"{joiner if text else ''}{value}"
    return text
