"""vCard import and export: real exporters' files, the malformed ones, fuzzing and round trips.

Pure tests: no database. Fixtures are verbatim copies in tests/data/vcard (see PROVENANCE.md).
"""

from __future__ import annotations

import io
import time
import unicodedata
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import typed_text
from goodword.io.errors import MalformedFile
from goodword.io.records import (
    ORGANISATION,
    PERSON,
    AddressRecord,
    Batch,
    Handle,
    PersonRecord,
)
from goodword.io.vcard import parse_vcard
from goodword.io.vcard_write import write_vcards
from goodword.people.addresses import PARTS

DATA = Path(__file__).parent.parent / "data" / "vcard"
FIXTURES = sorted(DATA.rglob("*.vcf"))

# The malformed AOSP samples, each with the reason the import gives.
REJECTED = {
    "aosp/v21_invalid_comment_line.vcf": "line 6 is not a vCard property (NAME:value)",
    "aosp/v21_adr_multiple_line.vcf": "line 7 is not a vCard property (NAME:value)",
}


def card_file(tmp_path: Path, text: str, name: str = "cards.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


def only_person(tmp_path: Path, body: str, version: str = "3.0") -> PersonRecord:
    text = f"BEGIN:VCARD\nVERSION:{version}\n{body.strip()}\nEND:VCARD\n"
    batch = parse_vcard(card_file(tmp_path, text))
    assert len(batch.people) == 1, batch
    return batch.people[0]


def values(person: PersonRecord, kind: str) -> list[str]:
    return [handle.value for handle in person.handles if handle.kind == kind]


# ---- every real file ---------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: str(path.relative_to(DATA)))
def test_every_fixture_imports_or_is_rejected_with_its_reason(path: Path) -> None:
    name = str(path.relative_to(DATA))
    if name in REJECTED:
        with pytest.raises(MalformedFile) as caught:
            parse_vcard(path)
        assert REJECTED[name] in caught.value.problem
        assert caught.value.line == 1  # the card that holds the bad line
    else:
        batch = parse_vcard(path)
        assert batch.people or batch.skipped
        assert all(person.name.strip() for person in batch.people)


def test_the_rejected_fixtures_exist() -> None:
    assert {str(path.relative_to(DATA)) for path in FIXTURES} >= set(REJECTED)


JOHN_DOE = {
    # client: (name, e-mails, phones, org, title)
    "ANDROID": ("john.doe@company.com", ["john.doe@company.com"], [], None, None),
    "BLACK_BERRY": ("John Doe", [], ["+96123456789"], "Acme Solutions", None),
    "EVOLUTION": (
        "Mr. John Richter, James Doe Sr.",
        ["john.doe@ibm.com"],
        ["905-666-1234", "905-555-1234"],
        "IBM",
        "Money Counter",
    ),
    "GMAIL": (
        "Mr. John Richter, James Doe Sr.",
        ["john.doe@ibm.com"],
        ["905-555-1234", "905-666-1234"],
        "IBM",
        "Money Counter",
    ),
    "IPHONE": (
        "Mr. John Richter James Doe Sr.",
        ["john.doe@ibm.com"],
        [f"905-{n}-1234" for n in (555, 666, 777, 888, 999, 111, 222)],
        "IBM",
        "Money Counter",
    ),
    "LOTUS_NOTES": (
        "Mr. Doe John I Johny",
        ["john.doe@ibm.com", "billy_bob@gmail.com"],
        ["+1 (212) 204-34456", "00-1-212-555-7777"],
        "IBM",
        "Generic Accountant",
    ),
    "MAC_ADDRESS_BOOK": (
        "Mr. John Richter,James Doe Sr.",
        ["john.doe@ibm.com"],
        [f"905-{n}-1234" for n in (777, 666, 555, 888, 999, 111, 222)],
        "IBM",
        "Money Counter",
    ),
    "MS_OUTLOOK": (
        "Mr. John Richter James Doe Sr.",
        ["john.doe@ibm.cm"],
        ["(905) 555-1234", "(905) 666-1234"],
        "IBM",
        "Money Counter",
    ),
}


@pytest.mark.parametrize("client", sorted(JOHN_DOE))
def test_john_doe_as_each_client_exports_him(client: str) -> None:
    name, emails, phones, org, title = JOHN_DOE[client]
    person = parse_vcard(DATA / "ez-vcard" / f"John_Doe_{client}.vcf").people[0]
    assert person.name == name
    assert values(person, "email") == emails
    assert values(person, "phone") == phones
    assert (person.org, person.title) == (org, title)


def test_john_doe_from_iphone_keeps_labels_preference_address_and_birthday() -> None:
    person = parse_vcard(DATA / "ez-vcard" / "John_Doe_IPHONE.vcf").people[0]
    phones = {handle.value: handle for handle in person.handles if handle.kind == "phone"}
    assert phones["905-555-1234"] == Handle("phone", "905-555-1234", "cell", preferred=True)
    assert phones["905-888-1234"].label == "home fax"
    assert phones["905-222-1234"].label == "assistantphone"  # item2.X-ABLabel, Apple built-in
    assert person.handles[0] == Handle("email", "john.doe@ibm.com", None, preferred=True)
    assert (person.city, person.country) == ("New York", "United States of America")
    assert person.birthday == (2012, 6, 6)


def test_mac_address_book_keeps_every_address_whole_and_the_nickname() -> None:
    person = parse_vcard(DATA / "ez-vcard" / "John_Doe_MAC_ADDRESS_BOOK.vcf").people[0]
    assert person.nickname == "Johny"
    assert person.addresses == [
        AddressRecord(
            label="home",
            street="Silicon Alley 5,",
            city="New York",
            region="New York",
            postcode="12345",
            country="United States of America",
            preferred=True,
        ),
        AddressRecord(
            label="work",
            street="Street4\nBuilding 6\nFloor 8",
            city="New York",
            postcode="12345",
            country="USA",
        ),
    ]


def test_evolution_keeps_the_po_box_and_the_aim_handle() -> None:
    person = parse_vcard(DATA / "ez-vcard" / "John_Doe_EVOLUTION.vcf").people[0]
    assert Handle("im", "aim:johnny5@aol.com", "home") in person.handles
    home = person.addresses[0]
    assert (home.label, home.po_box, home.street) == ("home", "ASB-123", "15 Crescent moon drive")
    assert (home.city, home.region, home.postcode) == ("Albaney", "New York", "12345")


def test_gmail_keeps_custom_address_labels_and_the_icq_number() -> None:
    person = parse_vcard(DATA / "ez-vcard" / "gmail-single.vcf").people[0]
    assert person.nickname == "Gman"
    assert Handle("im", "icq:123456789") in person.handles
    labels = [(address.label, address.city) for address in person.addresses]
    assert labels == [("home", None), ("CustomAdrType", "Custom City")]
    assert person.addresses[0].street == "123 Home St\nHome City, HM 12345"


def test_properties_without_a_field_are_kept_in_one_note() -> None:
    evolution = parse_vcard(DATA / "ez-vcard" / "John_Doe_EVOLUTION.vcf").people[0]
    assert evolution.notes[-1] == (
        "From the card: Spouse: Maria; Manager: Big Blue; Assistant: Little Red; "
        "Anniversary: 1980-03-22"
    )
    # Apple names a related person by the X-ABLabel of the same item group.
    mac = parse_vcard(DATA / "ez-vcard" / "John_Doe_MAC_ADDRESS_BOOK.vcf").people[0]
    assert mac.notes[-1].endswith("; Spouse: Jenny")


def test_bookkeeping_properties_add_no_note(tmp_path: Path) -> None:
    person = only_person(
        tmp_path,
        """
FN:Ann Lee
PRODID:-//Apple Inc.//iPhone OS 17.0//EN
REV:2024-01-01T00:00:00Z
UID:5A3C1F
X-ABUID:5A3C1F:ABPerson
X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns="http://schemas.microsoft.com/office/outlook/12/e"/>
""",
    )
    assert person.notes == []


def test_an_unreadable_or_binary_property_without_a_field_is_left_out(tmp_path: Path) -> None:
    person = only_person(
        tmp_path,
        """
FN:Ann Lee
X-FOO;CHARSET=bogus;ENCODING=QUOTED-PRINTABLE:=E9
X-BLOB;ENCODING=b:AAECAwQF
ROLE:Treasurer
BDAY:1980-06-21
BDAY;ALTID=1;CALSCALE=gregorian:1980-06-21
""",
    )
    assert person.notes == ["From the card: Role: Treasurer"]
    assert person.birthday == (1980, 6, 21)


def test_a_linkedin_link_that_is_no_profile_stays_a_plain_url(tmp_path: Path) -> None:
    person = only_person(
        tmp_path,
        "FN:Ann Lee\nURL:https://www.linkedin.com/feed/\nURL:https://uk.linkedin.com/in/annlee\n",
    )
    assert [(h.kind, h.value) for h in person.handles] == [
        ("url", "https://www.linkedin.com/feed/"),
        ("linkedin", "https://uk.linkedin.com/in/annlee"),
    ]


def test_impp_keeps_its_service_and_the_apple_service_type_as_label(tmp_path: Path) -> None:
    person = only_person(
        tmp_path,
        """
FN:Ann Lee
IMPP;X-SERVICE-TYPE=Skype;TYPE=HOME;TYPE=pref:skype:ann.lee
IMPP;TYPE=work:xmpp:ann@jabber.example
X-JABBER:ann@jabber.example
""",
    )
    assert [h for h in person.handles if h.kind == "im"] == [
        Handle("im", "skype:ann.lee", "skype", preferred=True),
        Handle("im", "xmpp:ann@jabber.example", "work"),
        Handle("im", "xmpp:ann@jabber.example", None),
    ]


# ---- what the format allows ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bday", "expected"),
    [
        ("BDAY:--0621", (None, 6, 21)),
        ("BDAY:--06-21", (None, 6, 21)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-06-21", (None, 6, 21)),
        ("BDAY:1604-06-21", (None, 6, 21)),
        ("BDAY:--0229", (None, 2, 29)),
        ("BDAY:1980-06-21", (1980, 6, 21)),
        ("BDAY:19800621", (1980, 6, 21)),
        ("BDAY;VALUE=date:1980-06-21T00:00:00Z", (1980, 6, 21)),
        ("BDAY:19800621T083000", (1980, 6, 21)),
    ],
)
def test_birthdays_with_and_without_a_year(tmp_path: Path, bday: str, expected: object) -> None:
    assert only_person(tmp_path, f"FN:Ann Lee\n{bday}").birthday == expected


@pytest.mark.parametrize("bday", ["BDAY:1981-02-29", "BDAY;VALUE=text:circa 1800", "BDAY:--1340"])
def test_a_birthday_that_is_not_a_date_is_skipped_with_its_line(tmp_path: Path, bday: str) -> None:
    path = card_file(tmp_path, f"BEGIN:VCARD\nVERSION:4.0\nFN:Ann Lee\n{bday}\nEND:VCARD\n")
    batch = parse_vcard(path)
    assert batch.people[0].birthday is None
    assert batch.skipped[0].line == 4
    assert "birthday" in batch.skipped[0].reason


def test_item_groups_take_their_label_from_x_ablabel(tmp_path: Path) -> None:
    person = only_person(
        tmp_path,
        """
FN:Ann Lee
item1.EMAIL;type=INTERNET:ann@example.com
item1.X-ABLabel:Conference badge
item2.URL:https://ann.example.com
item2.X-ABLabel:_$!<HomePage>!$_
item3.X-ABLabel:Mobile (old)
item3.TEL;type=CELL:555-0100
""",
    )
    labels = [(handle.kind, handle.label) for handle in person.handles]
    assert labels == [("email", "Conference badge"), ("url", "homepage"), ("phone", "Mobile (old)")]


def test_mac_address_book_custom_label_is_kept_as_written() -> None:
    person = parse_vcard(DATA / "ez-vcard" / "John_Doe_MAC_ADDRESS_BOOK.vcf").people[0]
    assert Handle("phone", "905-222-1234", "AssistantPhone") in person.handles


def test_preference_from_type_pref_pref_1_and_bare_21_pref(tmp_path: Path) -> None:
    person = only_person(
        tmp_path,
        """
FN:Ann Lee
EMAIL;TYPE=work:ann@work.example
EMAIL;TYPE=home;PREF=1:ann@home.example
TEL;TYPE=cell,pref:555-0100
TEL;PREF=2:555-0199
""",
        version="4.0",
    )
    assert [handle.preferred for handle in person.handles] == [False, True, True, False]
    assert [handle.label for handle in person.handles] == ["work", "home", "cell", None]
    bare = parse_vcard(DATA / "aosp" / "v21_pref_handling.vcf").people[0]
    assert [handle.preferred for handle in bare.handles] == [False, True, False, True, True]


def test_quoted_printable_with_charset_and_soft_line_breaks() -> None:
    android = parse_vcard(DATA / "ez-vcard" / "John_Doe_ANDROID.vcf").people
    assert android[2].name == "Ñ Ñ Ñ Ñ Ñ"
    assert android[3].name == "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"  # a value broken with `=` line ends
    outlook = parse_vcard(DATA / "ez-vcard" / "outlook-2003.vcf").people[0]
    assert outlook.notes[0].startswith("This is the note field!!\nSecond line\n\nThird line")


def test_shift_jis_bytes_and_quoted_printable_shift_jis() -> None:
    assert parse_vcard(DATA / "aosp" / "v21_japanese_1.vcf").people[0].name == "安藤ロイド"
    person = parse_vcard(DATA / "aosp" / "v21_japanese_2.vcf").people[0]
    assert person.name == "安藤 ロイド 1"
    assert person.notes == ["メモ"]


def test_a_windows_1252_file_without_charset_is_read(tmp_path: Path) -> None:
    path = tmp_path / "outlook.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jos\xe9 M\xfcller\r\nEND:VCARD\r\n")
    assert parse_vcard(path).people[0].name == "José Müller"


def test_a_utf16_file_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.vcf"
    path.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n".encode("utf-16"))
    assert parse_vcard(path).people[0].name == "Zoë"


def test_n_without_fn_builds_the_name_and_fn_without_n_is_enough(tmp_path: Path) -> None:
    assert only_person(tmp_path, "N:Lee;Ann;Marie,Jo;Dr.;PhD").name == "Dr. Ann Marie Jo Lee PhD"
    assert only_person(tmp_path, "FN:Ann Lee").name == "Ann Lee"
    assert parse_vcard(DATA / "aosp" / "v21_simple_1.vcf").people[0].name == "Roid Ando"


def test_gmail_unescaped_comma_does_not_cut_the_name() -> None:
    person = parse_vcard(DATA / "ez-vcard" / "John_Doe_GMAIL.vcf").people[0]
    assert person.name == "Mr. John Richter, James Doe Sr."


def test_organisation_cards_are_contacts_named_after_the_organisation(tmp_path: Path) -> None:
    text = """BEGIN:VCARD
VERSION:4.0
KIND:org
FN:ABC Marketing
ORG:ABC\\, Inc.;Marketing
ADR:;;1 Way;Business City;NY;10001;USA
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
FN:Acme Ltd
ORG:Acme Ltd
X-ABShowAs:COMPANY
EMAIL;TYPE=INTERNET,WORK:info@acme.example
TEL;TYPE=WORK,VOICE:+44 20 7946 0000
NOTE:Switchboard closes at 5.
END:VCARD
BEGIN:VCARD
VERSION:3.0
ORG:Only An Org
END:VCARD
"""
    batch = parse_vcard(card_file(tmp_path, text))
    assert [(c.name, c.kind, c.org, c.line, c.city) for c in batch.people] == [
        ("ABC Marketing", ORGANISATION, "ABC, Inc.", 1, "Business City"),
        ("Acme Ltd", ORGANISATION, "Acme Ltd", 8, None),
        ("Only An Org", ORGANISATION, "Only An Org", 18, None),
    ]
    acme = batch.people[1]
    assert [(h.kind, h.value) for h in acme.handles] == [
        ("email", "info@acme.example"),
        ("phone", "+44 20 7946 0000"),
    ]
    assert acme.notes == ["Switchboard closes at 5."]
    assert batch.skipped == []


def test_the_kind_org_fixture_keeps_its_phone_email_address_and_url() -> None:
    [card] = parse_vcard(DATA / "vobject" / "vcard40_org.vcf").people
    assert (card.name, card.kind, card.org) == ("ABC Marketing", ORGANISATION, "ABC, Inc.")
    assert [(h.kind, h.value) for h in card.handles] == [
        ("phone", "+1-555-000-0000"),
        ("email", "marketing@abc.example.com"),
        ("url", "http://www.abc.example.com/marketing"),
    ]
    assert [(a.street, a.city, a.postcode) for a in card.addresses] == [
        ("456 Corporate Way", "Business City", "10001")
    ]


def test_an_apple_company_card_is_named_by_its_org_and_keeps_the_persons_name(
    tmp_path: Path,
) -> None:
    card = only_person(
        tmp_path, "N:Lee;Ann;;;\nFN:Ann Lee\nORG:Lee Consulting;\nX-ABShowAs:COMPANY"
    )
    assert (card.name, card.kind, card.org) == ("Lee Consulting", ORGANISATION, "Lee Consulting")
    assert card.notes == ["From the card: Name: Ann Lee"]


def test_a_title_without_an_organisation_is_kept(tmp_path: Path) -> None:
    person = only_person(tmp_path, "FN:Sara Quinn\nTITLE:Relationship Manager")
    assert (person.kind, person.org, person.title) == (PERSON, None, "Relationship Manager")


def test_a_person_at_a_company_stays_a_person(tmp_path: Path) -> None:
    person = only_person(tmp_path, "N:Lee;Ann;;;\nFN:Ann Lee\nORG:Acme;R&D\nTITLE:Chemist")
    assert (person.org, person.title) == ("Acme", "Chemist")


def test_group_and_location_cards_are_skipped_with_reason() -> None:
    group = parse_vcard(DATA / "vobject" / "vcard40_group.vcf")
    assert (group.people, group.skipped[0].reason) == ([], "group card (KIND:group) not imported")
    place = parse_vcard(DATA / "vobject" / "vcard40_location.vcf")
    assert place.skipped[0].reason == "location card (KIND:location) not imported"


def test_text_is_read_composed_once_split_into_its_fields(tmp_path: Path) -> None:
    """NFC turns a Greek question mark (U+037E) into `;`, vCard's field separator: it is
    normalised after the split, so it stays in its field."""
    person = only_person(
        tmp_path,
        "N:Le\u0301e;Ann\nNOTE:Pourquoi\u037e\nADR;TYPE=\uf900:;;Rue A\u037e B;Lyon;;;\n"
        "item1.EMAIL:ann@example.com\nitem1.X-ABLabel:Bu\u0308ro",
        version="4.0",
    )
    assert (person.name, person.notes) == ("Ann Lée", ["Pourquoi;"])
    [address] = person.addresses
    assert (address.label, address.street, address.city) == ("\u8c48", "Rue A; B", "Lyon")
    assert person.handles == [Handle("email", "ann@example.com", "Büro")]


def test_categories_notes_address_and_urls(tmp_path: Path) -> None:
    person = only_person(
        tmp_path,
        r"""
FN:Ann Lee
CATEGORIES:Friends,Climbing\, bouldering,Friends
CATEGORIES:Work
NOTE:Met at PyCon.\nLikes tea\; not coffee.
NOTE:
ADR;TYPE=work:;;1 Main St;Springfield;IL;62701;USA
ADR;TYPE=home;TYPE=pref:;;2 Oak Ln;Lyon;;69001;France
URL:https://ann.example.com
URL:https://www.linkedin.com/in/annlee
X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/ann-lee-2
X-SOCIALPROFILE;type=twitter:x-apple:annlee
""",
    )
    assert person.tags == ["Friends", "Climbing, bouldering", "Work"]
    assert person.notes == ["Met at PyCon.\nLikes tea; not coffee."]
    assert (person.city, person.country) == ("Lyon", "France")  # the preferred address
    assert [(handle.kind, handle.value) for handle in person.handles] == [
        ("url", "https://ann.example.com"),
        ("linkedin", "https://www.linkedin.com/in/annlee"),
        ("linkedin", "https://linkedin.com/in/ann-lee-2"),
    ]


def test_a_card_with_only_an_email_is_named_by_it_and_an_empty_card_is_skipped(
    tmp_path: Path,
) -> None:
    assert only_person(tmp_path, "EMAIL:ann@example.com").name == "ann@example.com"
    batch = parse_vcard(DATA / "aosp" / "v21_im.vcf")
    assert (batch.people, batch.skipped[0].reason) == ([], "card without a name, e-mail or phone")


def test_photos_are_counted_once_per_card_even_when_broken(tmp_path: Path) -> None:
    # John Doe from Android has a truncated base64 photo; vobject alone fails on it.
    android = parse_vcard(DATA / "ez-vcard" / "John_Doe_ANDROID.vcf")
    assert (android.photos, android.skipped) == ([36], [])
    text = (
        "BEGIN:VCARD\nFN:A\nPHOTO;ENCODING=b:AAAA\n AAAA\nitem1.PHOTO:http://x/1.jpg\nEND:VCARD\n"
    )
    assert len(parse_vcard(card_file(tmp_path, text)).photos) == 1
    assert parse_vcard(DATA / "aosp" / "v21_malformed_photo.vcf").people[0].name == "fullname"


def test_unknown_properties_and_lotus_notes_profile_line_are_ignored() -> None:
    person = parse_vcard(DATA / "ez-vcard" / "John_Doe_LOTUS_NOTES.vcf").people[0]
    assert person.name == "Mr. Doe John I Johny"


def test_multiple_cards_keep_their_order_keys_and_lines() -> None:
    batch = parse_vcard(DATA / "ez-vcard" / "gmail-list.vcf")
    assert [(p.key, p.name, p.line) for p in batch.people] == [
        ("card1", "Arnold Smith", 1),
        ("card2", "Chris Beatle", 7),
        ("card3", "Doug White", 13),
    ]
    japanese = parse_vcard(DATA / "aosp" / "v21_multiple_entry.vcf")
    assert [person.line for person in japanese.people] == [1, 12, 23]


def test_a_file_larger_than_one_read_slice_keeps_every_card_and_its_line(tmp_path: Path) -> None:
    cards = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {n:05d}\nEND:VCARD\n" for n in range(30000)
    )
    batch = parse_vcard(card_file(tmp_path, cards))
    assert len(batch.people) == 30000
    assert (batch.people[-1].name, batch.people[-1].line) == ("Person 29999", 4 * 29999 + 1)


def test_old_phone_base64_without_indent_and_classic_mac_line_ends(tmp_path: Path) -> None:
    logo = "LOGO;ENCODING=BASE64;TYPE=GIF:R0lGOD\nlhAQABAIAA\n\n"  # 2.1: ends at a blank line
    text = f"BEGIN:VCARD\nVERSION:2.1\nFN:Ann\n{logo}END:VCARD\n"
    assert parse_vcard(card_file(tmp_path, text)).people[0].name == "Ann"
    mac = tmp_path / "mac.vcf"
    mac.write_bytes(b"BEGIN:VCARD\rVERSION:3.0\rFN:Bo\rEND:VCARD\r")
    assert parse_vcard(mac).people[0].name == "Bo"


def test_a_card_nested_in_another_is_a_person_of_its_own() -> None:
    batch = parse_vcard(DATA / "aosp" / "v21_nest.vcf")
    assert [(p.key, p.name, p.line) for p in batch.people] == [
        ("card1", "parent", 1),
        ("card2", "nest1", 4),
        ("card3", "nest2", 8),
    ]


# ---- what fails, and how it says so ----------------------------------------------------------


def test_a_truncated_card_names_the_line_where_it_begins(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo"
    with pytest.raises(MalformedFile) as caught:
        parse_vcard(card_file(tmp_path, text))
    assert caught.value.line == 5
    assert "truncated" in caught.value.problem
    assert str(caught.value).startswith("cards.vcf:5: ")


def test_a_bad_line_fails_the_whole_file_naming_its_card_and_line(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\nFN:Ann\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nthis is not a property\nEND:VCARD\n"
    with pytest.raises(MalformedFile) as caught:
        parse_vcard(card_file(tmp_path, text))
    assert caught.value.line == 4
    assert "line 6 is not a vCard property" in caught.value.problem


def test_end_without_begin_and_a_file_without_cards(tmp_path: Path) -> None:
    with pytest.raises(MalformedFile) as caught:
        parse_vcard(card_file(tmp_path, "FN:Ann\nEND:VCARD\n"))
    assert (caught.value.line, caught.value.problem) == (
        2,
        "END:VCARD without a BEGIN:VCARD before it",
    )
    for text in ("", "hello\n"):
        with pytest.raises(MalformedFile) as caught:
            parse_vcard(card_file(tmp_path, text))
        assert (caught.value.line, caught.value.problem) == (None, "no vCard found (BEGIN:VCARD)")


def test_undecodable_text_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "sjis.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8:\x93\x8c\x8b\x9e\r\nEND:VCARD"
    )
    with pytest.raises(MalformedFile) as caught:
        parse_vcard(path)
    assert caught.value.line == 3
    assert "not 'UTF-8'" in caught.value.problem
    nul = tmp_path / "utf16-no-bom.vcf"
    nul.write_bytes("BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n".encode("utf-16-le"))
    with pytest.raises(MalformedFile, match="NUL bytes"):
        parse_vcard(nul)


def test_quoted_printable_in_an_unknown_charset_fails_with_its_line(tmp_path: Path) -> None:
    text = "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=KLINGON;ENCODING=QUOTED-PRINTABLE:=41\nEND:VCARD\n"
    with pytest.raises(MalformedFile) as caught:
        parse_vcard(card_file(tmp_path, text))
    assert (caught.value.line, caught.value.problem) == (
        1,
        "cannot read the card starting here: line 3: unknown CHARSET 'KLINGON'",
    )


def test_a_damaged_line_with_many_parameters_fails_fast(tmp_path: Path) -> None:
    # vobject's own line regex needs minutes for this line (exponential backtracking).
    line = "TEL" + ";TYPE=cell" * 40 + '"' + ":555-0100"
    started = time.perf_counter()
    with pytest.raises(MalformedFile, match="line 3 is not a vCard property"):
        parse_vcard(card_file(tmp_path, f"BEGIN:VCARD\nFN:A\n{line}\nEND:VCARD\n"))
    assert time.perf_counter() - started < 1


# ---- fuzzing: mutated real files never raise anything but MalformedFile ----------------------

CONTENTS = [path.read_bytes() for path in FIXTURES]
TOKENS = [
    *(b":", b";", b"=", b",", b"\\", b'"', b"\r\n", b"\n", b" ", b"\x00", b"\xff", b"\xc3"),
    *(b"BEGIN:VCARD\r\n", b"END:VCARD\r\n", b"=\r\n", b";CHARSET=SHIFT_JIS", b";CHARSET=x"),
    *(b";ENCODING=QUOTED-PRINTABLE", b";ENCODING=b", b"BDAY:--", b"PHOTO;", b"item1."),
]
MUTATION = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate"]),
    st.integers(min_value=0, max_value=1 << 20),
    st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=8)),
)


def mutate(data: bytes, mutations: list[tuple[str, int, bytes]]) -> bytes:
    buffer = bytearray(data)
    for operation, position, payload in mutations:
        at = position % (len(buffer) + 1)
        if operation == "flip" and buffer:
            buffer[min(at, len(buffer) - 1)] ^= payload[0] or 1
        elif operation == "insert":
            buffer[at:at] = payload
        elif operation == "delete":
            del buffer[at : at + len(payload) * 4]
        elif operation == "truncate":
            del buffer[at:]
    return bytes(buffer)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    source=st.integers(min_value=0, max_value=len(CONTENTS) - 1),
    mutations=st.lists(MUTATION, min_size=1, max_size=8),
)
def test_mutated_real_files_import_or_fail_as_malformed(
    tmp_path: Path, source: int, mutations: list[tuple[str, int, bytes]]
) -> None:
    path = tmp_path / "mutated.vcf"
    path.write_bytes(mutate(CONTENTS[source], mutations))
    with suppress(MalformedFile):  # any other exception fails the test
        assert isinstance(parse_vcard(path), Batch)


# ---- export ----------------------------------------------------------------------------------


def exported(people: list[PersonRecord]) -> str:
    out = io.StringIO(newline="")
    assert write_vcards(people, out) == len(people)
    return out.getvalue()


def reimported(tmp_path: Path, people: list[PersonRecord]) -> list[PersonRecord]:
    path = tmp_path / "export.vcf"
    path.write_text(exported(people), encoding="utf-8", newline="")
    return parse_vcard(path).people


ANN = PersonRecord(
    key="ann",
    name="Ann Marie Lee",
    line=0,
    handles=[
        Handle("email", "ann@example.com", "work", preferred=True),
        Handle("email", "ann.lee@home.example", "Old, personal; rarely read"),
        Handle("phone", "+44 20 7946 0958", "cell"),
        Handle("phone", "555-0100", "home fax"),
        Handle("url", "https://ann.example.com/a,b"),
        Handle("linkedin", "https://www.linkedin.com/in/annlee"),
        Handle("linkedin", "annlee-42"),
        Handle("im", "skype:ann.lee", "Skype, mostly"),
    ],
    org="Lee, Park; Partners",
    title="Chief \\ Chemist",
    city="Lyon",
    country="France",
    tags=["Climbing, bouldering", "PyCon"],
    notes=["Met at PyCon.\nLikes tea; not coffee.", "Ω" * 80],
    birthday=(None, 2, 29),
    nickname="Annie; A.",
    addresses=[
        AddressRecord(
            label="work",
            street="12 Quai Perrache\nBâtiment B, 3e étage",
            city="Lyon",
            postcode="69002",
            country="France",
            preferred=True,
        ),
        AddressRecord(label="Summer; house", po_box="BP 7", city="Annecy"),
    ],
)


def test_export_round_trips_through_our_importer(tmp_path: Path) -> None:
    [back] = reimported(tmp_path, [ANN])
    assert back.handles == ANN.handles
    assert (back.name, back.org, back.title, back.tags) == (ANN.name, ANN.org, ANN.title, ANN.tags)
    assert (back.notes, back.birthday, back.city, back.country) == (
        ANN.notes,
        ANN.birthday,
        ANN.city,
        ANN.country,
    )
    assert (back.nickname, back.addresses) == (ANN.nickname, ANN.addresses)


ACME = PersonRecord(
    key="acme",
    name="Acme Ltd",
    line=0,
    kind=ORGANISATION,
    org="Acme Ltd",
    handles=[Handle("email", "info@acme.example"), Handle("phone", "+44 20 7946 0000", "main")],
    notes=["Switchboard closes at 5."],
)


def test_an_organisation_is_exported_as_an_organisation_card(tmp_path: Path) -> None:
    text = exported([ACME])
    lines = text.split("\r\n")
    assert {"KIND:org", "FN:Acme Ltd", "N:;;;;", "X-ABShowAs:COMPANY", "ORG:Acme Ltd"} <= set(lines)
    [card] = vobject.readComponents(text)
    assert card.kind.value == "org"
    [back] = reimported(tmp_path, [ACME])
    assert (back.name, back.kind, back.org, back.notes) == (
        "Acme Ltd",
        ORGANISATION,
        "Acme Ltd",
        ACME.notes,
    )
    assert back.handles == ACME.handles


def test_export_is_folded_crlf_vcard_4_that_vobject_reads() -> None:
    text = exported([ANN, PersonRecord(key="bo", name="Bo", line=0, birthday=(1980, 6, 21))])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "\n" not in text.replace("\r\n", "")
    cards = list(vobject.readComponents(text))
    assert [card.fn.value for card in cards] == ["Ann Marie Lee", "Bo"]
    assert cards[0].n.value.family == "Lee"
    assert cards[0].org.value == ["Lee, Park; Partners"]
    assert cards[0].nickname.value == "Annie; A."
    work = cards[0].adr.value
    assert (work.street, work.city, work.code) == (
        "12 Quai Perrache\nBâtiment B, 3e étage",
        "Lyon",
        "69002",
    )
    assert cards[0].impp.value == "skype:ann.lee"
    assert cards[1].bday.value == "19800621"


LETTERS = st.characters(exclude_categories=("Cs", "Cc"))
# Text of any script, often in a form NFC changes (`typed_text`). The importer tidies white
# space in names, labels, org, title, tags and places, so they are drawn tidy.
TIDY = typed_text(LETTERS, min_size=1, max_size=20).map(lambda s: " ".join(s.split())).filter(bool)
LABELS = st.one_of(st.none(), st.sampled_from(["home", "work fax", "cell", "Home"]), TIDY)
PHONES = st.from_regex(r"\+?[0-9][0-9 ()-]{2,15}[0-9]", fullmatch=True)
PATHS = st.from_regex(r"[a-z0-9_~-]{0,12}", fullmatch=True)
# An IM handle has no white space, and a URI no backslash (readers take it for an escape).
HANDLES = typed_text(LETTERS).map(lambda s: "".join(c for c in s if not c.isspace() and c != "\\"))
NO_YEAR = st.none() | st.integers(1000, 2100).filter(lambda year: year != 1604)


ADDRESSES = st.builds(
    AddressRecord,
    label=LABELS,
    po_box=st.none() | TIDY,
    street=st.none() | st.lists(TIDY, min_size=1, max_size=3).map("\n".join),
    city=st.none() | TIDY,
    region=st.none() | TIDY,
    postcode=st.none() | TIDY,
    country=st.none() | TIDY,
    preferred=st.booleans(),
)


@st.composite
def people(draw: st.DrawFn) -> PersonRecord:
    """A person as the reader gives them back: city and country are the preferred address's."""
    addresses = draw(st.lists(ADDRESSES, max_size=2))
    place = next(
        (a for a in sorted(addresses, key=lambda a: not a.preferred) if a.city or a.country),
        AddressRecord(),
    )
    return PersonRecord(
        key="p",
        name=draw(TIDY),
        line=0,
        handles=[
            Handle("email", draw(st.emails()), draw(LABELS), draw(st.booleans())),
            Handle("phone", draw(PHONES), draw(LABELS)),
            Handle("url", "https://example.com/" + draw(PATHS), draw(LABELS), draw(st.booleans())),
            Handle("im", "xmpp:" + draw(HANDLES) + "@example.org", draw(LABELS)),
        ],
        org=draw(st.none() | TIDY),
        title=draw(st.none() | TIDY),
        city=place.city,
        country=place.country,
        tags=list(dict.fromkeys(draw(st.lists(TIDY, max_size=3)))),
        notes=draw(
            st.lists(typed_text(LETTERS | st.just("\n")).map(str.strip).filter(bool), max_size=2)
        ),
        birthday=(draw(NO_YEAR), draw(st.integers(1, 12)), draw(st.integers(1, 28))),
        nickname=draw(st.none() | TIDY),
        addresses=addresses,
    )


def composed(person: PersonRecord) -> PersonRecord:
    """`person` as the reader gives every text back: NFC, as goodword stores it. Tags that
    differ only in form are then one tag."""

    def text(value: str | None) -> str | None:
        return value if value is None else unicodedata.normalize("NFC", value)

    return replace(
        person,
        name=unicodedata.normalize("NFC", person.name),
        handles=[replace(h, value=text(h.value), label=text(h.label)) for h in person.handles],
        org=text(person.org),
        title=text(person.title),
        city=text(person.city),
        country=text(person.country),
        tags=list(dict.fromkeys(unicodedata.normalize("NFC", tag) for tag in person.tags)),
        notes=[unicodedata.normalize("NFC", note) for note in person.notes],
        nickname=text(person.nickname),
        addresses=[
            replace(address, **{part: text(getattr(address, part)) for part in PARTS})
            for address in person.addresses
        ],
    )


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(person=people())
def test_any_person_round_trips_through_export_and_import(
    tmp_path: Path, person: PersonRecord
) -> None:
    [back] = reimported(tmp_path, [person])
    person.key, person.line = back.key, back.line
    assert back == composed(person)
    assert reimported(tmp_path, [back]) == [back]  # and from then on, exactly
