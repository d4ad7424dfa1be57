"""People → vCard 4.0 (RFC 6350) that vobject, Apple and Google read and `parse_vcard` reads back.

Written by hand rather than through vobject: vobject serialises vCard 3.0 only, and the few
rules that matter here (escaping, folding at 75 octets without splitting a character, CRLF)
are short enough to keep in view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import count
from typing import TextIO

from goodword.io.records import ORGANISATION, AddressRecord, Handle, PersonRecord

# Labels made only of these words are written as TYPE values; any other label is the user's
# own and goes, as Apple writes it, into an `itemN.X-ABLabel` beside the property.
_TYPE_WORDS = {
    *("home", "work", "cell", "mobile", "voice", "fax", "pager", "text", "video", "textphone"),
    *("main", "other", "iphone"),
}
_PROPERTY = {"email": "EMAIL", "phone": "TEL", "url": "URL", "linkedin": "URL", "im": "IMPP"}
_FOLD_AT = 75  # octets per line, CRLF excluded (RFC 6350 §3.2)
AS_TYPED = "X-GOODWORD-AS-TYPED"  # the parameter on a value kept as typed (`pager 1234`)


def write_vcards(people: Iterable[PersonRecord], out: TextIO) -> int:
    """Write one vCard 4.0 per person (open `out` with newline="" to keep CRLF); return how many."""
    written = 0
    for person in people:
        out.write("".join(_fold(line) for line in _card_lines(person)))
        written += 1
    return written


def _card_lines(person: PersonRecord) -> Iterator[str]:
    yield "BEGIN:VCARD"
    yield "VERSION:4.0"
    organisation = person.kind == ORGANISATION
    yield from _name_lines(person.name, organisation)
    if person.nickname:
        yield f"NICKNAME:{_escape(person.nickname)}"
    groups = count(1)
    for handle in person.handles:
        yield from _handle_lines(handle, groups)
    if org := person.org or (person.name if organisation else None):
        yield f"ORG:{_escape(org)}"
    if person.title:
        yield f"TITLE:{_escape(person.title)}"
    if person.tags:
        yield "CATEGORIES:" + ",".join(_escape(tag) for tag in person.tags)
    for note in person.notes:
        yield f"NOTE:{_escape(note)}"
    if person.birthday:
        year, month, day = person.birthday
        yield f"BDAY:{year:04d}{month:02d}{day:02d}" if year else f"BDAY:--{month:02d}{day:02d}"
    for address in person.addresses:
        yield from _address_lines(address, groups)
    if not person.addresses and (person.city or person.country):
        yield f"ADR:;;;{_escape(person.city or '')};;;{_escape(person.country or '')}"
    yield "END:VCARD"


def _name_lines(name: str, organisation: bool) -> list[str]:
    """An organisation's card says so twice: KIND (RFC 6350) and X-ABShowAs, which Apple's
    Contacts reads instead; its N is empty, as it names no person."""
    if organisation:
        return ["KIND:org", f"FN:{_escape(name)}", "N:;;;;", "X-ABShowAs:COMPANY"]
    words = name.split()  # a best guess: the last word is the family name
    family, given = _escape(words[-1] if words else ""), _escape(" ".join(words[:-1]))
    return [f"FN:{_escape(name)}", f"N:{family};{given};;;"]


def _address_lines(address: AddressRecord, groups: Iterator[int]) -> list[str]:
    parts = (address.po_box, "", address.street, address.city, address.region, address.postcode)
    value = ";".join(_escape(part or "") for part in (*parts, address.country))
    params = ";PREF=1" if address.preferred else ""
    return _labelled("ADR", params, value, address.label, groups)


def _handle_lines(handle: Handle, groups: Iterator[int]) -> list[str]:
    """One handle → its property line, plus an X-ABLabel line when the label is custom.

    A value kept as typed is text, not a URI: escaped as text, and marked so a reader can
    tell it from a normalised one (a TEL says `VALUE=text`, RFC 6350's free-form number).
    """
    name = _PROPERTY.get(handle.kind, "URL")
    params = ";PREF=1" if handle.preferred else ""
    if handle.as_typed:
        params += f"{';VALUE=text' if name == 'TEL' else ''};{AS_TYPED}=TRUE"
        value = _escape(handle.value)
    elif name in ("URL", "IMPP"):  # a URI value is not text-escaped, but must stay on its line
        value = "".join(handle.value.splitlines())
        if handle.kind == "linkedin" and "linkedin.com" not in value.lower():
            name, params = "X-SOCIALPROFILE", f"{params};TYPE=linkedin"
    else:
        value = _escape(handle.value)
    return _labelled(name, params, value, handle.label, groups)


def _labelled(
    name: str, params: str, value: str, label: str | None, groups: Iterator[int]
) -> list[str]:
    """The property line, with its label as TYPE values or, when custom, an X-ABLabel line."""
    words = (label or "").split()
    if not words:
        return [f"{name}{params}:{value}"]
    if " ".join(words) == label and all(word in _TYPE_WORDS for word in words):
        return [f"{name}{params};TYPE={','.join(words)}:{value}"]
    group = f"item{next(groups)}"
    return [f"{group}.{name}{params}:{value}", f"{group}.X-ABLabel:{_escape(label or '')}"]


def _escape(text: str) -> str:
    """Escape a text value (RFC 6350 §3.4) so no newline, comma or semicolon leaks out of it."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold at 75 octets, never inside a UTF-8 character; continuation lines start with a space."""
    if len(line) * 4 <= _FOLD_AT or len(line.encode("utf-8")) <= _FOLD_AT:
        return line + "\r\n"
    chunks: list[str] = []
    start = size = 0
    for index, char in enumerate(line):
        width = len(char.encode("utf-8"))
        if size + width > _FOLD_AT:
            chunks.append(line[start:index])
            start, size = index, 1  # the leading space counts
        size += width
    chunks.append(line[start:])
    return "\r\n ".join(chunks) + "\r\n"
