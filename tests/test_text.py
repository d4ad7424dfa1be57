"""Normalising what people type; the fast paths must agree with the libraries they bypass."""

from __future__ import annotations

import unicodedata
from datetime import date, time

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import typed_text
from goodword.errors import InvalidInput
from goodword.text import (
    clean_name,
    clean_text,
    clear_winner,
    display_phone,
    lowered,
    nfc,
    normalize_email,
    normalize_phone,
    parse_birthday,
    parse_currency,
    parse_day_and_time,
    parse_money,
    parse_region,
)

local_part = st.from_regex(r"[A-Za-z0-9._%+-]{1,70}", fullmatch=True)
domain = st.from_regex(r"([A-Za-z0-9-]{1,20}\.){1,3}[A-Za-z]{2,8}", fullmatch=True)


@given(local=local_part, host=domain)
@example(local="0", host="00--0.AA")  # IDNA: no `--` at a label's 3rd and 4th characters
def test_the_email_fast_path_agrees_with_email_validator(local: str, host: str) -> None:
    address = f"{local}@{host}"
    try:
        expected: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    try:
        actual: str | None = normalize_email(address)
    except InvalidInput:
        actual = None
    assert actual == (expected.lower() if expected else None)


nanp = st.builds(
    lambda prefix, area, exchange, line, seps: (
        f"{prefix}{seps[0]}{area}{seps[1]}{exchange}{seps[2]}{line}"
    ),
    st.sampled_from(["", "1", "+1", "+1 ", "1-"]),
    st.from_regex(r"\(?[2-9][0-9]{2}\)?", fullmatch=True),
    st.from_regex(r"[2-9][0-9]{2}", fullmatch=True),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.lists(st.sampled_from(["", " ", "-", "."]), min_size=3, max_size=3),
)


@given(raw=nanp)
def test_the_phone_fast_path_agrees_with_phonenumbers(raw: str) -> None:
    try:
        parsed = phonenumbers.parse(raw, "US")
        possible = phonenumbers.is_possible_number(parsed)
        expected = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        possible = False
    if possible:
        assert normalize_phone(raw, region="US") == expected


def test_numbers_outside_north_america_use_phonenumbers() -> None:
    assert normalize_phone("+44 20 7946 0958", region="US") == "+442079460958"
    assert normalize_phone("020 7946 0958", region="GB") == "+442079460958"


@pytest.mark.parametrize(
    ("raw", "region"),
    [
        ("pager 1234", "GB"),  # phonenumbers alone reads past the word: +441234
        ("1234", "GB"),  # dialled only inside an exchange: no E.164 form
        ("555-0100", "US"),
        ("020 7946 0958 (mobile)", "GB"),  # phonenumbers takes `mobile` for a vanity number
        ("+1 415 555 0100 ext 22 (Ann)", "US"),
    ],
)
def test_numbers_with_words_or_without_a_full_number_are_refused(raw: str, region: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_phone(raw, region=region)


@pytest.mark.parametrize(
    "raw",
    ["+1 415 555 0100 ext. 22", "415-555-0100 x22", "(415) 555 0100 #22", "+1-415-555-0100;ext=22"],
)
def test_an_extension_is_kept_so_colleagues_on_one_switchboard_differ(raw: str) -> None:
    assert normalize_phone(raw, region="US") == "+14155550100;ext=22"


def test_a_region_is_a_country_code_phonenumbers_knows() -> None:
    assert parse_region(" gb ") == "GB"
    with pytest.raises(InvalidInput, match="'XX' is not a country code"):
        parse_region("XX")
    with pytest.raises(InvalidInput):
        parse_region("GBR")


def test_special_use_domains_are_refused_as_the_validator_does() -> None:
    with pytest.raises(InvalidInput):
        normalize_email("ann@mail.test")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("--06-21", (None, 6, 21)), ("--0621", (None, 6, 21)), ("1980-06-21", (1980, 6, 21))],
)
def test_birthdays_with_and_without_a_year(raw: str, expected: tuple[int | None, int, int]) -> None:
    assert parse_birthday(raw) == expected


@pytest.mark.parametrize("raw", ["--02-30", "1981-02-29", "June 21"])
def test_impossible_birthdays_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_birthday(raw)


@pytest.mark.parametrize("raw", ["-5", "abc", "1e400", "12345678901234"])
def test_bad_money_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_money(raw)


@pytest.mark.parametrize(("raw", "code"), [("gbp", "GBP"), (" EUR ", "EUR"), ("jpy", "JPY")])
def test_an_iso_4217_currency_is_upper_cased(raw: str, code: str) -> None:
    assert parse_currency(raw) == code


@pytest.mark.parametrize(("raw", "near"), [("GPB", "GBP"), ("EUE", "EUR")])
def test_a_misspelt_currency_suggests_the_code_one_letter_away(raw: str, near: str) -> None:
    with pytest.raises(InvalidInput, match=f"Did you mean {near}"):
        parse_currency(raw)


@pytest.mark.parametrize("raw", ["XYZ", "dollars", "", "€"])
def test_a_currency_that_is_not_iso_4217_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput, match="not an ISO 4217 currency code"):
        parse_currency(raw)


def test_a_close_name_with_a_different_number_is_not_a_typo() -> None:
    near = [(1, "Prospect 1", 90.0)]
    assert clear_winner("Prospect 2", near) is None
    assert clear_winner("Prospekt 1", near) == 1


def test_two_plausible_names_are_never_chosen_between() -> None:
    assert clear_winner("Margret", [(1, "Margaret", 93.0), (2, "Margarete", 90.0)]) is None
    assert clear_winner("Margret", [(1, "Margaret", 93.0), (2, "Mark", 70.0)]) == 1


@pytest.mark.parametrize(
    ("value", "region", "shown"),
    [
        ("+441614960000", "GB", "0161 496 0000"),
        ("+441614960000", "US", "+44 161 496 0000"),
        ("+447700900123", "GB", "07700 900123"),
        ("+14155550100;ext=22", "US", "(415) 555-0100 ext. 22"),
        ("pager 1234", "US", "pager 1234"),
    ],
)
def test_a_phone_is_shown_nationally_at_home_and_internationally_abroad(
    value: str, region: str, shown: str
) -> None:
    assert display_phone(value, region=region) == shown


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("\uf900", "\u8c48"),  # a CJK compatibility ideograph
        ("Le\u0301a", "Léa"),  # e + combining acute
        ("\u212b", "\u00c5"),  # ANGSTROM SIGN → Å
        ("\u1100\u1161", "\uac00"),  # Hangul jamo → syllable
    ],
)
def test_text_is_stored_composed(raw: str, stored: str) -> None:
    assert nfc(raw) == clean_name(raw) == clean_text(raw) == stored


def test_lower_casing_composes_what_only_lower_case_has_precomposed() -> None:
    assert lowered("W\u030a") == "\u1e98"  # ẘ: there is no upper-case W with a ring


ANY_TEXT = typed_text(st.characters(exclude_categories=("Cs",)))


@given(raw=ANY_TEXT)
def test_cleaned_text_is_nfc_and_cleaning_it_again_changes_nothing(raw: str) -> None:
    for clean in (nfc, clean_name, clean_text, lowered):
        once = clean(raw)
        assert unicodedata.is_normalized("NFC", once)
        assert clean(once) == once, clean


@pytest.mark.parametrize(
    ("raw", "when"),
    [
        ("2026-11-20", (date(2026, 11, 20), None)),
        (" 20261120 ", (date(2026, 11, 20), None)),
        ("2026-11-20T07:30", (date(2026, 11, 20), time(7, 30))),
        ("2026-11-20 00:00", (date(2026, 11, 20), time(0, 0))),
        ("2026-11-20T07:30:15.250", (date(2026, 11, 20), time(7, 30, 15))),
        ("2026-11-20T23:30-05:00", (date(2026, 11, 20), time(23, 30))),
    ],
)
def test_a_day_keeps_the_time_written_with_it(raw: str, when: tuple[date, time | None]) -> None:
    assert parse_day_and_time(raw) == when


@pytest.mark.parametrize("raw", ["2026-11-20T24:30", "20/11/2026", "2026-11-20T7h30", ""])
def test_a_day_or_time_that_is_neither_names_the_accepted_forms(raw: str) -> None:
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        parse_day_and_time(raw, what="event date")
