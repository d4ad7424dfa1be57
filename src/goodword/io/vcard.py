"""vCard 2.1, 3.0 and 4.0 files → plain records (`Batch`), one `PersonRecord` per person card.

Not `vobject.readComponents` end to end: it cuts text at an unescaped comma (Gmail's `FN:Mr. John
Richter, James Doe Sr.`), decodes every photo (a truncated one kills the card), rejects Lotus
Notes' `PROFILE:VCard`, and its line regex backtracks exponentially on a damaged line. So lines
are unfolded here (photos skipped unread), checked by a linear form of vobject's grammar, and
their parameters parsed by `vobject.base.parseParams`.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vobject.base import parseParams

from goodword.io.errors import MalformedFile
from goodword.io.records import Batch, Handle, OrgRecord, PersonRecord, Skip
from goodword.io.vcard_write import write_vcards

__all__ = ["parse_vcard", "write_vcards"]

# vobject's line grammar (name, parameters, ':'), with atomic groups so a damaged line fails
# in linear time instead of backtracking through every split of its parameters.
_NAME = r"[A-Za-z0-9_-]++"
_LINE = re.compile(
    rf'(?:({_NAME})\.)?({_NAME})(;?(?>(?:;{_NAME}(?:[=,](?:"[^"]*+"|[^";:,=]*+))*+)*+)):'
)
_BOUNDARY = re.compile(r"(BEGIN|END)[ \t]*:[ \t]*VCARD[ \t]*$", re.IGNORECASE)
_CHARSET = re.compile(rb';CHARSET="?([^;:"]+)', re.IGNORECASE)
_BINARY = re.compile(r"(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)  # skipped unread
_PHOTO_MARK = "PHOTO:"
# Only these properties are parsed further; any other line is checked for syntax and ignored.
_WANTED = {
    *("VERSION", "FN", "N", "NICKNAME", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "ORG"),
    *("TITLE", "CATEGORIES", "NOTE", "BDAY", "ADR", "KIND", "X-ABSHOWAS", "X-ABLABEL", "PHOTO"),
}


class _Unreadable(Exception):
    """A card that cannot be read; the caller names the file and the card."""


@dataclass
class _Card:
    number: int
    line: int
    lines: list[tuple[str, int]] = field(default_factory=list)


def parse_vcard(path: Path) -> Batch:
    """Read every card of a .vcf file, all or nothing.

    Raises:
        MalformedFile: a card cannot be read, a card never ends, the bytes cannot be decoded,
            or the file holds no card at all.
    """
    text = _decode(path.read_bytes(), path)
    batch = Batch()
    found = False
    for card in _cards(text, path):
        found = True
        try:
            props = [prop for line, number in card.lines if (prop := _prop(line, number))]
            _card_record(batch, props, key=f"card{card.number}", line=card.line)
        except _Unreadable as error:
            problem = f"cannot read the card starting here: {error}"
            raise MalformedFile(path, card.line, problem) from error
    if not found:
        raise MalformedFile(path, None, "no vCard found (BEGIN:VCARD)")
    batch.people.sort(key=lambda person: person.line)  # nested cards close before their parent
    return batch


def _decode(raw: bytes, path: Path) -> str:
    """Bytes → text: UTF-8 (or UTF-16 with its byte-order mark), else line by line."""
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as error:
        if utf16:
            raise MalformedFile(path, None, "the file says UTF-16 but is not") from error
        text = _decode_lines(raw, path)
    nul = text.find("\x00")
    if nul >= 0:  # UTF-16 without a byte-order mark, or not text at all
        line = text.count("\n", 0, nul) + 1
        raise MalformedFile(path, line, "NUL bytes: not a text vCard; save it as UTF-8")
    if "\n" not in text:  # classic Mac line ends
        text = text.replace("\r", "\n")
    return text


def _decode_lines(raw: bytes, path: Path) -> str:
    """Decode a file that is not UTF-8: vCard 2.1 declares CHARSET per property, so a
    line uses its property's CHARSET; undeclared text falls back to Windows-1252."""
    lines: list[str] = []
    charset: str | None = None
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line[:1] not in (b" ", b"\t"):  # a new property, not a folded continuation
            found = _CHARSET.search(line.partition(b":")[0])
            charset = found.group(1).decode("ascii", "replace") if found else None
        try:
            lines.append(line.decode("ascii") if line.isascii() else _text_of(line, charset))
        except _Unreadable as error:
            raise MalformedFile(path, number, str(error)) from error
    return "\n".join(lines)


def _text_of(data: bytes, charset: str | None) -> str:
    """Decode one value's bytes; a declared CHARSET must fit, an undeclared one is guessed.

    Raises:
        _Unreadable: the bytes are not in the declared CHARSET, or it is unknown.
    """
    if not charset:
        for guess in ("utf-8", "cp1252"):
            with suppress(UnicodeDecodeError):
                return data.decode(guess)
        return data.decode("latin-1")
    try:
        return data.decode(charset)
    except UnicodeDecodeError as error:
        if error.end == len(data):  # a value cut inside its last character, as phones do
            with suppress(UnicodeDecodeError):
                return data[: error.start].decode(charset)
        problem = f"text that is not {charset[:40]!r}, the CHARSET it declares"
    except (LookupError, ValueError):  # also a codec name that holds a NUL
        problem = f"unknown CHARSET {charset[:40]!r}"
    raise _Unreadable(problem)


def _logical_lines(text: str) -> Iterator[tuple[str, int]]:
    """Unfold physical lines into (logical line, its first line number).

    Folded lines start with a space or tab; a quoted-printable line ending in `=` continues on
    the next line (vCard 2.1 soft break); a blank line ends a line (2.1 base64). Photos, logos,
    sounds and keys are skipped unread, base64 lines included (they never hold a ':'), and a
    photo is marked so the batch can count it.
    """
    parts: list[str] = []
    start = 0
    soft_break = binary = False
    for number, physical in enumerate(_physical_lines(text), 1):
        line = physical.rstrip("\r")
        if binary:
            if line[:1] in (" ", "\t") or (line and ":" not in line):
                continue
            binary = False
        if soft_break and not _BOUNDARY.match(line):
            parts.append("\n" + line)
            soft_break = line.endswith("=")
            continue
        if parts and line[:1] in (" ", "\t"):
            parts.append(line[1:])
            continue
        if parts:
            yield "".join(parts), start
            parts = []
        if not line or line.isspace():
            soft_break = False
            continue
        if line[0] in "PpLlSsKk" and (found := _BINARY.match(line)):
            binary = True
            if found.group(1).upper() == "PHOTO":
                yield _PHOTO_MARK, number
            continue
        parts, start = [line], number
        soft_break = line.endswith("=") and "QUOTED-PRINTABLE" in line.split(":")[0].upper()
    if parts:
        yield "".join(parts), start


def _physical_lines(text: str, slice_size: int = 1 << 20) -> Iterator[str]:
    """`text.split("\n")` a slice at a time, so a 100,000-card file is not held twice as lines."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + slice_size)
        end = len(text) if end < 0 else end
        yield from text[start:end].split("\n")
        start = end + 1


def _cards(text: str, path: Path) -> Iterator[_Card]:
    """Group logical lines into cards; a card nested in another (AOSP) is a card of its own.

    Raises:
        MalformedFile: an END:VCARD without its BEGIN, or a card that never ends.
    """
    open_cards: list[_Card] = []
    count = 0
    for line, number in _logical_lines(text):
        boundary = _BOUNDARY.match(line) if line[0] in "BbEe" else None
        if boundary and boundary.group(1).upper() == "BEGIN":
            count += 1
            open_cards.append(_Card(count, number))
        elif boundary:
            if not open_cards:
                raise MalformedFile(path, number, "END:VCARD without a BEGIN:VCARD before it")
            yield open_cards.pop()
        elif open_cards:
            open_cards[-1].lines.append((line, number))
    if open_cards:
        problem = "this card never ends (no END:VCARD): the file looks truncated"
        raise MalformedFile(path, open_cards[0].line, problem)


def _prop(line: str, number: int) -> _Prop | None:
    """One logical line → a `_Prop`, or None for a property goodword does not import.

    Raises:
        _Unreadable: the line is not `NAME;PARAMS:value`, or its value cannot be decoded.
    """
    match = _LINE.match(line)
    if match is None:
        raise _Unreadable(f"line {number} is not a vCard property (NAME:value): {line[:40]!r}")
    name = match.group(2).upper().replace("_", "-")  # Lotus Notes writes X_NAME
    if name not in _WANTED or name == "PHOTO":  # `item1.PHOTO`: a photo all the same
        return _Prop(name, None, [], {}, "", number) if name == "PHOTO" else None
    try:
        params = parseParams(match.group(3)) if match.group(3) else []
    except Exception as error:  # vobject is untyped; any failure is this line's fault
        raise _Unreadable(f"line {number}: unreadable parameters ({error})") from error
    prop = _new_prop(name, match.group(1), params, line[match.end() :], number)
    if prop.encoding in ("quoted-printable", "b", "base64"):
        prop.value = _decode_value(prop)
    return prop


def _decode_value(prop: _Prop) -> str:
    """Undo quoted-printable (bytes in the property's CHARSET) or base64.

    Raises:
        _Unreadable: base64 that is not, or bytes that do not fit the declared CHARSET.
    """
    try:
        if prop.encoding == "quoted-printable":
            data = binascii.a2b_qp(prop.value.encode("utf-8"))
        else:
            data = binascii.a2b_base64(prop.value.encode("ascii", "replace"))
        return _text_of(data, prop.params.get("CHARSET", [""])[0]).replace("\r\n", "\n")
    except binascii.Error as error:
        raise _Unreadable(f"line {prop.line}: base64 value cannot be decoded") from error
    except _Unreadable as error:
        raise _Unreadable(f"line {prop.line}: {error}") from error


# ---- properties → fields -------------------------------------------------------------------

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_SPLITTERS = {sep: re.compile(rf"(\\.|{sep})", re.DOTALL) for sep in ";,"}
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
_BDAY = re.compile(r"(?:(\d{4})|--)-?(\d\d)-?(\d\d)(?:[T ].*)?$", re.DOTALL)
_HANDLE_KINDS = {"EMAIL": "email", "TEL": "phone", "URL": "url", "X-SOCIALPROFILE": "url"}
# TYPE values that say nothing a user would call a label.
_NOT_LABELS = {"internet", "pref", "voice", "x400"} | {"quoted-printable", "base64", "b", "8bit"}
_NO_YEAR = (0, 1604)  # Outlook and Apple write 1604 for "year unknown"


@dataclass(slots=True)
class _Prop:
    name: str
    group: str | None
    types: list[str]  # lower-cased TYPE values and vCard 2.1 bare parameters (`TEL;CELL;PREF`)
    params: dict[str, list[str]]
    value: str
    line: int
    encoding: str = ""  # quoted-printable | b | base64 | 8bit | …
    preferred: bool = False


def _new_prop(name: str, group: str | None, raw: list[list[str]], value: str, line: int) -> _Prop:
    prop = _Prop(name, group, [], {}, value, line)
    if not raw:
        return prop
    for param in raw:
        key = param[0].upper()
        if len(param) == 1:
            prop.types.append(key.lower())
        elif key == "TYPE":
            prop.types.extend(t.lower() for v in param[1:] for t in v.split(",") if t)
        else:
            prop.params[key] = param[1:]
    bare = [t for t in prop.types if t in ("quoted-printable", "base64")]  # 2.1 `NOTE;BASE64`
    prop.encoding = prop.params.get("ENCODING", bare or [""])[0].lower()
    prop.preferred = "pref" in prop.types or prop.params.get("PREF", [""])[0].strip() == "1"
    return prop


def _clean(text: str) -> str:
    return " ".join(text.split())


def _unescape(pair: str, v21: bool) -> str:
    """vCard 3.0/4.0 escape backslash, comma, semicolon and newline; 2.1 escapes only ';'."""
    if v21:
        return ";" if pair == "\\;" else pair
    return _ESCAPES.get(pair[1], pair)


def _text(value: str, v21: bool) -> str:
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda match: _unescape(match.group(0), v21), value)


def _split(value: str, sep: str, v21: bool, *, unescape: bool = True) -> list[str]:
    """Split on unescaped `sep`; `unescape=False` keeps escapes for a second split."""
    if "\\" not in value:
        return value.split(sep)
    parts = [""]
    for index, piece in enumerate(_SPLITTERS[sep].split(value)):
        if index % 2 == 0:
            parts[-1] += piece
        elif piece == sep:
            parts.append("")
        else:
            parts[-1] += _unescape(piece, v21) if unescape else piece
    return parts


def _name_from_n(value: str, v21: bool) -> str:
    """N is family;given;additional;prefix;suffix, each a comma list in 3.0 and 4.0."""
    parts = [*_split(value, ";", v21, unescape=False), "", "", "", "", ""]
    words = (
        _text(parts[i], v21) if v21 else " ".join(_split(parts[i], ",", v21))
        for i in (3, 1, 2, 0, 4)
    )
    return _clean(" ".join(words))


def _apple_label(text: str) -> str:
    """Apple's built-in labels come wrapped (`_$!<HomePage>!$_`); custom ones are the user's."""
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4].lower()
    return _clean(text)


def _handle_value(name: str, value: str) -> str:
    if name == "EMAIL":
        value = value.removeprefix("mailto:")
        if "<" in value:  # `"Omega" <omega@example.com>`
            value = value[value.rfind("<") + 1 :].partition(">")[0]
    elif name == "TEL" and value[:4].lower() == "tel:":
        value = value[4:]
    return value.strip()


def _birthday(prop: _Prop, text: str) -> tuple[int | None, int, int] | None:
    """`--0621`, `--06-21`, `19800621`, `1980-06-21T…`; year 1604 or X-APPLE-OMIT-YEAR → None."""
    match = _BDAY.match(text.strip())
    if match is None:
        return None
    year = int(match.group(1)) if match.group(1) else None
    month, day = int(match.group(2)), int(match.group(3))
    omitted = prop.params.get("X-APPLE-OMIT-YEAR", [""])[0].strip()
    if year in _NO_YEAR or str(year) == omitted:
        year = None
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February without a year is fine
    except ValueError:
        return None
    return year, month, day


@dataclass
class _Fields:
    """What one card says, gathered property by property; the first FN, N, ORG… wins."""

    v21: bool
    single: dict[str, str] = field(default_factory=dict)  # FN N ORG TITLE NICKNAME KIND …
    handles: list[Handle] = field(default_factory=list)
    grouped: list[tuple[Handle, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # item group → X-ABLabel
    addresses: list[tuple[bool, list[str]]] = field(default_factory=list)
    tags: dict[str, None] = field(default_factory=dict)  # ordered, without duplicates
    notes: list[str] = field(default_factory=list)
    birthday: tuple[int | None, int, int] | None = None
    photo: bool = False
    skips: list[Skip] = field(default_factory=list)

    def add(self, prop: _Prop) -> None:
        name, value, v21 = prop.name, prop.value, self.v21
        if name in _HANDLE_KINDS:
            self.add_handle(prop, _text(value, v21).strip())
        elif name == "X-ABLABEL" and prop.group:
            self.labels[prop.group.lower()] = _apple_label(_text(value, v21))
        elif name in ("N", "ORG", "NICKNAME"):  # ORG: the first unit names the organisation
            first = _split(value, ";" if name == "ORG" else ",", v21)[0]
            if text := _name_from_n(value, v21) if name == "N" else _clean(first):
                self.single.setdefault(name, text)
        elif name == "ADR":
            self.addresses.append((prop.preferred, _split(value, ";", v21)))
        elif name == "CATEGORIES":
            self.tags.update(dict.fromkeys(t for t in map(_clean, _split(value, ",", v21)) if t))
        elif name == "NOTE" and (note := _text(value, v21).strip()):
            self.notes.append(note)
        elif name == "BDAY" and self.birthday is None:
            self.add_birthday(prop)
        elif name == "PHOTO":
            self.photo = True
        elif name != "VERSION" and (text := _clean(_text(value, v21))):
            self.single.setdefault(name, text)  # FN TITLE KIND X-ABSHOWAS

    def add_handle(self, prop: _Prop, text: str) -> None:
        value = _handle_value(prop.name, text)
        types = [t for t in prop.types if t not in _NOT_LABELS]
        social = prop.name == "X-SOCIALPROFILE"
        kind = _HANDLE_KINDS[prop.name]
        if "linkedin.com" in value.lower() or (social and "linkedin" in types):
            kind, types = "linkedin", [t for t in types if t != "linkedin"]
        elif social and not value.lower().startswith(("http://", "https://")):
            return  # iOS writes `x-apple:handle` for services goodword does not know
        if value:
            handle = Handle(kind, value, " ".join(types) or None, prop.preferred)
            self.handles.append(handle)
            if prop.group:
                self.grouped.append((handle, prop.group.lower()))

    def add_birthday(self, prop: _Prop) -> None:
        text = _text(prop.value, self.v21)
        self.birthday = _birthday(prop, text)
        if self.birthday is None:
            self.skips.append(Skip(prop.line, f"birthday {text[:30]!r} not understood"))

    def place(self) -> tuple[str | None, str | None]:
        """City and country of the preferred address, else of the first that has either."""
        for _, parts in sorted(self.addresses, key=lambda address: not address[0]):
            parts = [*parts, "", "", "", "", "", "", ""]
            city, country = _clean(parts[3]), _clean(parts[6])
            if city or country:
                return city or None, country or None
        return None, None


def _card_record(batch: Batch, props: list[_Prop], *, key: str, line: int) -> None:
    """Add the card to the batch as a person, an organisation, or a skip with its reason."""
    fields = _Fields(v21=any(p.name == "VERSION" and p.value.strip() == "2.1" for p in props))
    for prop in props:
        fields.add(prop)
    for handle, group in fields.grouped:
        handle.label = fields.labels.get(group, handle.label)
    batch.skipped.extend(fields.skips)
    if fields.photo:
        batch.skipped.append(Skip(line, "photo not imported"))
    single = fields.single
    kind = "org" if single.get("X-ABSHOWAS", "").upper() == "COMPANY" else single.get("KIND", "")
    kind, org = kind.lower(), single.get("ORG", "")
    name = single.get("FN") or single.get("N", "")
    if kind in ("group", "location"):
        batch.skipped.append(Skip(line, f"{kind} card (KIND:{kind}) not imported"))
    elif kind == "org" or (org and name in ("", org) and not single.get("N")):
        _add_org(batch, fields, name=org or name, line=line)
    elif name := name or single.get("NICKNAME") or _handle_name(fields.handles):
        batch.people.append(_person(fields, key=key, name=name, line=line))
    else:
        batch.skipped.append(Skip(line, "card without a name, e-mail or phone"))


def _handle_name(handles: list[Handle]) -> str:
    """A card with only an address or a number is still someone; name them by it."""
    found = (h.value for kind in ("email", "phone") for h in handles if h.kind == kind)
    return next(found, "")


def _person(fields: _Fields, *, key: str, name: str, line: int) -> PersonRecord:
    city, country = fields.place()
    return PersonRecord(
        key=key,
        name=name,
        line=line,
        handles=fields.handles,
        org=fields.single.get("ORG") or None,
        title=fields.single.get("TITLE") or None,
        city=city,
        country=country,
        tags=list(fields.tags),
        notes=fields.notes,
        birthday=fields.birthday,
    )


def _add_org(batch: Batch, fields: _Fields, *, name: str, line: int) -> None:
    """An organisation card; `OrgRecord` has no place for its e-mails, phones or notes."""
    if not name:
        batch.skipped.append(Skip(line, "organisation card without a name"))
        return
    batch.orgs.append(OrgRecord(name=name, line=line, city=fields.place()[0]))
    if fields.handles or fields.notes or fields.tags:
        batch.skipped.append(Skip(line, "organisation card: e-mails, phones, notes not imported"))
