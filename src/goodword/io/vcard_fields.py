"""vCard properties → record fields: names, labels, handles, birthdays, organisations.

The reading side (`vcard.py`) turns lines into `Prop`s; this side decides what each property
means for a person, the way phones, mail clients and address books write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goodword.io.addresses import place_of
from goodword.io.records import ORGANISATION, AddressRecord, Batch, Handle, PersonRecord, Skip
from goodword.text import NO_YEAR, clean_name, is_birthday, is_linkedin, lowered, nfc

_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_SPLITTERS = {sep: re.compile(rf"(\\.|{sep})", re.DOTALL) for sep in ";,"}
_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}
_BDAY = re.compile(r"(?:(\d{4})|--)-?(\d\d)-?(\d\d)(?:[T ].*)?$", re.DOTALL)
_HANDLE_KINDS = {"EMAIL": "email", "TEL": "phone", "URL": "url", "X-SOCIALPROFILE": "url"}
# Instant messaging before IMPP (RFC 4770): one property per service, the bare handle as value.
IM_SERVICES = {
    **{"X-AIM": "aim", "X-ICQ": "icq", "X-JABBER": "xmpp", "X-MSN": "msnim", "X-QQ": "qq"},
    **{"X-YAHOO": "ymsgr", "X-SKYPE": "skype", "X-SKYPE-USERNAME": "skype", "X-GADUGADU": "gg"},
    **{"X-GOOGLE-TALK": "gtalk", "X-GTALK": "gtalk"},
}
_SINGLE = {"FN", "TITLE", "KIND", "X-ABSHOWAS", "VERSION"}
# Properties that only repeat what is kept elsewhere, describe the file or the exporter's
# own state, or carry binary data: not worth a note.
_NOISE = {
    *("PRODID", "REV", "UID", "ABUID", "SORT-STRING", "CLASS", "SOURCE", "NAME", "MAILER"),
    *("LABEL", "ABADR", "LOGO", "SOUND", "KEY", "MEMBER", "CLIENTPIDMAP", "GENERATOR"),
    *("PROFILE", "ID", "ETAG", "IMAGETYPE", "IMAGEHASH", "SHARED-PHOTO-DISPLAY-PREF"),
    *("ANDROID-CUSTOM", "WAB-GENDER", "RINGTONE", "TEXTTONE", "ACTIVITY-ALERT"),
}
_NOISE_PREFIXES = (
    *("MS-OL-", "MS-CARD", "COUCHDB-", "EVOLUTION-FILE-AS", "FC-", "FCENCODED"),
    *("ADDRESSBOOKSERVER-", "MOZILLA-", "NEXTCLOUD-"),
)
# Vendors' prefixes on properties that mean the same everywhere (X-EVOLUTION-SPOUSE).
_VENDORS = ("EVOLUTION-", "MS-", "KADDRESSBOOK-", "AB")
_WORDS = {
    "RELATEDNAMES": "Related name",
    "DATE": "Date",
    "IMADDRESS": "IM address",
    "FBURL": "Free/busy URL",
    "TZ": "Time zone",
    "LANG": "Language",
    "GEO": "Location",
}
NOTE_TITLE = "From the card"


def is_noise(name: str) -> bool:
    """A property nobody would miss (see `_NOISE`); `name` is upper case."""
    bare = name.removeprefix("X-")
    return bare in _NOISE or bare.startswith(_NOISE_PREFIXES)


def _readable(name: str) -> str:
    """`X-EVOLUTION-SPOUSE` → `Spouse`, `X-ABRELATEDNAMES` → `Related name`, `ROLE` → `Role`."""
    bare = name.removeprefix("X-")
    for vendor in _VENDORS:
        if bare.startswith(vendor) and len(bare) > len(vendor):
            bare = bare.removeprefix(vendor)
            break
    return _WORDS.get(bare) or bare.replace("-", " ").capitalize()


# TYPE values that say nothing a user would call a label.
_NOT_LABELS = {"internet", "pref", "voice", "x400"} | {"quoted-printable", "base64", "b", "8bit"}
_NOT_LABELS |= {"postal", "parcel", "dom", "intl"}  # ADR types about delivery, not place
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S")


@dataclass(slots=True)
class Prop:
    name: str
    group: str | None
    types: list[str]  # lower-cased TYPE values and vCard 2.1 bare parameters (`TEL;CELL;PREF`)
    params: dict[str, list[str]]
    value: str
    line: int
    encoding: str = ""  # quoted-printable | b | base64 | 8bit | …
    preferred: bool = False


def new_prop(name: str, group: str | None, raw: list[list[str]], value: str, line: int) -> Prop:
    prop = Prop(name, group, [], {}, value, line)
    if not raw:
        return prop
    for param in raw:
        key = param[0].upper()
        if len(param) == 1:
            prop.types.append(lowered(param[0]))
        elif key == "TYPE":
            prop.types.extend(lowered(t) for v in param[1:] for t in v.split(",") if t)
        else:
            prop.params[key] = param[1:]
    bare = [t for t in prop.types if t in ("quoted-printable", "base64")]  # 2.1 `NOTE;BASE64`
    prop.encoding = prop.params.get("ENCODING", bare or [""])[0].lower()
    prop.preferred = "pref" in prop.types or prop.params.get("PREF", [""])[0].strip() == "1"
    return prop


def _unescape(pair: str, v21: bool) -> str:
    """vCard 3.0/4.0 escape backslash, comma, semicolon and newline; 2.1 escapes only ';'."""
    if v21:
        return ";" if pair == "\\;" else pair
    return _ESCAPES.get(pair[1], pair)


def _text(value: str, v21: bool) -> str:
    """The value unescaped and NFC, as goodword stores text. Normalised only now, once split
    into its fields: NFC turns U+037E (Greek question mark) into the separator `;`."""
    if "\\" not in value:
        return nfc(value)
    return nfc(_ESCAPED.sub(lambda match: _unescape(match.group(0), v21), value))


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
    return clean_name(" ".join(words))


def _apple_label(text: str) -> str:
    """Apple's built-in labels come wrapped (`_$!<HomePage>!$_`); custom ones are the user's."""
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return lowered(text[4:-4])
    return clean_name(text)


def _handle_value(name: str, value: str) -> str:
    if name == "EMAIL":
        value = value.removeprefix("mailto:")
        if "<" in value:  # `"Omega" <omega@example.com>`
            value = value[value.rfind("<") + 1 :].partition(">")[0]
    elif name == "TEL" and value[:4].lower() == "tel:":
        value = value[4:]
    return value.strip()


def _birthday(prop: Prop, text: str) -> tuple[int | None, int, int] | None:
    """`--0621`, `--06-21`, `19800621`, `1980-06-21T…`; year 1604 or X-APPLE-OMIT-YEAR → None."""
    match = _BDAY.match(text.strip())
    if match is None:
        return None
    year = int(match.group(1)) if match.group(1) else None
    month, day = int(match.group(2)), int(match.group(3))
    omitted = prop.params.get("X-APPLE-OMIT-YEAR", [""])[0].strip()
    if year in (0, NO_YEAR) or str(year) == omitted:
        year = None
    return (year, month, day) if is_birthday(year, month, day) else None


@dataclass
class _Fields:
    """What one card says, gathered property by property; the first FN, N, ORG… wins."""

    v21: bool
    single: dict[str, str] = field(default_factory=dict)  # FN N ORG TITLE NICKNAME KIND …
    handles: list[Handle] = field(default_factory=list)
    grouped: list[tuple[Handle, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # item group → X-ABLabel
    addresses: list[AddressRecord] = field(default_factory=list)
    grouped_addresses: list[tuple[AddressRecord, str]] = field(default_factory=list)
    tags: dict[str, None] = field(default_factory=dict)  # ordered, without duplicates
    notes: list[str] = field(default_factory=list)
    birthday: tuple[int | None, int, int] | None = None
    photo: bool = False
    skips: list[Skip] = field(default_factory=list)
    extras: list[tuple[str, str, str | None]] = field(default_factory=list)  # name, text, group

    def add(self, prop: Prop) -> None:
        name, value, v21 = prop.name, prop.value, self.v21
        if name in _HANDLE_KINDS:
            self.add_handle(prop, _text(value, v21).strip())
        elif name == "IMPP" or name in IM_SERVICES:
            self.add_im(prop, _text(value, v21).strip())
        elif name == "X-ABLABEL" and prop.group:
            self.labels[prop.group.lower()] = _apple_label(_text(value, v21))
        elif name in ("N", "ORG", "NICKNAME"):  # ORG: the first unit names the organisation
            first = _split(value, ";" if name == "ORG" else ",", v21)[0]
            if text := _name_from_n(value, v21) if name == "N" else clean_name(first):
                self.single.setdefault(name, text)
        elif name == "ADR":
            self.add_address(prop, _split(value, ";", v21))
        elif name == "CATEGORIES":
            self.tags.update(
                dict.fromkeys(t for t in map(clean_name, _split(value, ",", v21)) if t)
            )
        elif name == "NOTE" and (note := _text(value, v21).strip()):
            self.notes.append(note)
        elif name == "BDAY":
            if self.birthday is None:  # a second one is an alternative (ALTID) of the first
                self.add_birthday(prop)
        elif name == "PHOTO":
            self.photo = True
        elif name in _SINGLE and (text := clean_name(_text(value, v21))):
            self.single.setdefault(name, text)
        elif name not in _SINGLE and (text := _text(value, v21).strip()):
            self.extras.append((name, text, prop.group.lower() if prop.group else None))

    def add_handle(self, prop: Prop, text: str) -> None:
        value = _handle_value(prop.name, text)
        types = [t for t in prop.types if t not in _NOT_LABELS]
        social = prop.name == "X-SOCIALPROFILE"
        kind = _HANDLE_KINDS[prop.name]
        if is_linkedin(value) or (social and "linkedin" in types):
            kind, types = "linkedin", [t for t in types if t != "linkedin"]
        elif social and not value.lower().startswith(("http://", "https://")):
            return  # iOS writes `x-apple:handle` for services goodword does not know
        if value:
            self.keep(Handle(kind, value, " ".join(types) or None, prop.preferred), prop)

    def add_im(self, prop: Prop, value: str) -> None:
        """`IMPP:skype:ann.lee`, or a bare handle under its service's own property (`X-AIM`)."""
        value = value.strip()
        service = IM_SERVICES.get(prop.name)
        if not value:
            return
        if service and not _URI.match(value):
            value = f"{service}:{value}"
        label = lowered(prop.params.get("X-SERVICE-TYPE", [""])[0].strip())
        types = [t for t in prop.types if t not in _NOT_LABELS]
        if value:
            self.keep(Handle("im", value, label or " ".join(types) or None, prop.preferred), prop)

    def keep(self, handle: Handle, prop: Prop) -> None:
        self.handles.append(handle)
        if prop.group:  # its label may come from an `X-ABLabel` of the same group
            self.grouped.append((handle, prop.group.lower()))

    def add_address(self, prop: Prop, parts: list[str]) -> None:
        """ADR is PO box;extended;street;locality;region;postcode;country."""
        po_box, extended, street, city, region, postcode, country = [*parts, *[""] * 7][:7]
        lines = [clean_name(line) for text in (street, extended) for line in text.splitlines()]
        types = [t for t in prop.types if t not in _NOT_LABELS]
        address = AddressRecord(
            label=" ".join(types) or None,
            po_box=clean_name(po_box) or None,
            street="\n".join(line for line in lines if line) or None,
            city=clean_name(city) or None,
            region=clean_name(region) or None,
            postcode=clean_name(postcode) or None,
            country=clean_name(country) or None,
            preferred=prop.preferred,
        )
        self.addresses.append(address)
        if prop.group:
            self.grouped_addresses.append((address, prop.group.lower()))

    def add_birthday(self, prop: Prop) -> None:
        text = _text(prop.value, self.v21)
        self.birthday = _birthday(prop, text)
        if self.birthday is None:
            self.skips.append(Skip(prop.line, f"birthday {text[:30]!r} not understood"))


def card_record(batch: Batch, props: list[Prop], *, key: str, line: int) -> None:
    """Add the card to the batch as a person, an organisation, or a skip with its reason."""
    fields = _Fields(v21=any(p.name == "VERSION" and p.value.strip() == "2.1" for p in props))
    for prop in props:
        fields.add(prop)
    for handle, group in fields.grouped:
        handle.label = fields.labels.get(group, handle.label)
    for address, group in fields.grouped_addresses:
        address.label = fields.labels.get(group, address.label)
    single = fields.single
    shown_as_company = single.get("X-ABSHOWAS", "").upper() == "COMPANY"
    kind = "org" if shown_as_company else single.get("KIND", "").lower()
    org, name = single.get("ORG", ""), single.get("FN") or single.get("N", "")
    is_org = kind == "org" or bool(org and name in ("", org) and not single.get("N"))
    if is_org:
        # Apple shows a company card by its ORG; a KIND:org card's FN is the organisation's
        # own name (RFC 6350). A person's name on the card is kept in the note.
        name = (org or name) if shown_as_company else (name or org)
        if (person := single.get("N")) and person != name:
            fields.extras.insert(0, ("NAME", person, None))
    if fields.extras:
        fields.notes.append(_extras_note(fields))
    batch.skipped.extend(fields.skips)
    if fields.photo:
        batch.photos.append(line)
    name = name or single.get("NICKNAME") or _handle_name(fields.handles)
    if kind in ("group", "location"):
        batch.skipped.append(Skip(line, f"{kind} card (KIND:{kind}) not imported"))
    elif not name:
        batch.skipped.append(Skip(line, "card without a name, e-mail or phone"))
    elif is_org:
        record = _person(fields, key=key, name=name, line=line)
        record.kind, record.org = ORGANISATION, org or name
        batch.people.append(record)
    else:
        batch.people.append(_person(fields, key=key, name=name, line=line))


def _extras_note(fields: _Fields) -> str:
    """`From the card: Spouse: Jane; Role: Treasurer`: an Apple label names its property."""
    items = (
        f"{(fields.labels.get(group) if group else None) or _readable(name)}: {text}"
        for name, text, group in fields.extras
    )
    return f"{NOTE_TITLE}: " + "; ".join(items)


def _handle_name(handles: list[Handle]) -> str:
    """A card with only an address or a number is still someone; name them by it."""
    found = (h.value for kind in ("email", "phone") for h in handles if h.kind == kind)
    return next(found, "")


def _person(fields: _Fields, *, key: str, name: str, line: int) -> PersonRecord:
    city, country = place_of(fields.addresses)
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
        nickname=fields.single.get("NICKNAME"),
        addresses=fields.addresses,
    )
