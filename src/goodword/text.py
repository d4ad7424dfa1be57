"""Normalising what people type: names, e-mails, phones, URLs, dates, money.

phonenumbers, email_validator and rapidfuzz are imported where first needed: together they
take a tenth of a second to load, which every command would pay at start for a few that use them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache

from goodword.errors import InvalidInput

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_LOCAL_SPLIT = re.compile(r"[._+\-]+")
MAX_MONEY = Decimal("1e10")
_ID_REF = re.compile(r"#?(\d+)")
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_SIMPLE_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
    re.IGNORECASE,
)
_NANP_REGIONS = {"US", "CA"}
# What phonenumbers reads as an extension: `x22`, `ext. 22`, `extension 22`, `#22`, `;ext=22`.
_EXTENSION = re.compile(r"(?:;ext=|(?:e?xt(?:ension|n)?|x)\.?:?|#)\s*\d+\s*$", re.IGNORECASE)
_NANP = re.compile(r"(?:\+?1[ .-]?)?\(?([2-9]\d{2})\)?[ .-]?([2-9]\d{2})[ .-]?(\d{4})")
_LINKEDIN = re.compile(
    r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|company)/([^/?#]+)", re.I
)


def name_from_address(address: str) -> str:
    """'ann.lee@x.org' → 'Ann Lee': a readable name for someone known only by their address.

    Parts already mixed-case ('McKay') are kept as written rather than title-cased.
    """
    local = address.split("@", 1)[0]
    parts = [p for p in _LOCAL_SPLIT.split(local) if p]
    words = [p[0].upper() + p[1:] if p.islower() else p for p in parts]
    return " ".join(words) or address


def nfc(text: str) -> str:
    """Text in Unicode's composed form (NFC), the one form goodword stores.

    The same letters can arrive composed or decomposed (`é` or `e` + `◌́`, and compatibility
    ideographs such as U+F900 that NFC maps to U+8C48), depending on the keyboard, the
    exporter or the file's age. Storing one form makes them one value, and makes what is
    exported and imported again come back identical.
    """
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def clean_name(raw: str) -> str:
    """Collapse white space and NFC-normalise, so the same name typed twice compares equal."""
    if raw.isascii() and raw.isprintable() and "  " not in raw:
        return raw.strip()  # already clean: the common case, without the regex
    return _SPACES.sub(" ", nfc(raw)).strip()


def lowered(text: str) -> str:
    """Lower-cased, then NFC: lower-casing composed text can leave it decomposed, since some
    letters are precomposed only in lower case ('W' + ring above → 'w' + ring, which is 'ẘ')."""
    return nfc(text.lower())


def clean_text(raw: str) -> str:
    """Free text (a note, a reason) NFC-normalised and trimmed; its line breaks are the user's."""
    return nfc(raw).strip()


def bounded(raw: str, *, limit: int, what: str) -> str:
    """`clean_name`, refusing text longer than its column holds.

    Raises: InvalidInput naming the field and the limit.
    """
    text = clean_name(raw)
    if len(text) > limit:
        raise InvalidInput(f"The {what} '{text[:40]}…' is too long; at most {limit} characters.")
    return text


def fold(text: str) -> str:
    """A comparison key: case- and accent-insensitive."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_email(raw: str) -> str:
    """Raises: InvalidInput for a malformed address."""
    # Plain ASCII addresses, the vast majority, skip the full validator (ten times slower);
    # the fast path accepts only what the validator accepts and normalises it the same way.
    # A domain with `--` goes to the validator: IDNA reserves hyphens at a label's 3rd and
    # 4th characters (`xn--`), and only the validator checks the rest of that rule.
    text = raw.strip()
    if len(text) <= 254 and _SIMPLE_EMAIL.fullmatch(text):
        local, _, domain = text.lower().rpartition("@")
        if len(local) <= 64 and "--" not in domain and not _special_use(domain):
            return f"{local}@{domain}"
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(f"'{raw}' is not a valid e-mail address: {exc}") from None
    return result.normalized.lower()


def _special_use(domain: str) -> bool:
    # Every special-use name is one label, so the last label of the domain decides.
    return domain.rpartition(".")[2] in _special_use_names()


@cache
def _special_use_names() -> frozenset[str]:
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    names = frozenset(SPECIAL_USE_DOMAIN_NAMES)
    assert all("." not in name for name in names)
    return names


def normalize_phone(raw: str, *, region: str = "US") -> str:
    """E.164 when the number parses, so '+1 (415) 555-0100' and '4155550100' are one handle;
    an extension follows as RFC 3966 writes it (`+14155550100;ext=22`).

    Raises: InvalidInput for text that is not a whole phone number: one with words in it, or
    one too short to dial from outside its exchange.
    """
    # North American numbers written the usual ways skip phonenumbers (its parse is slow);
    # the result is what phonenumbers gives for them.
    if region in _NANP_REGIONS or raw.lstrip().startswith("+1"):
        match = _NANP.fullmatch(raw.strip())
        if match and (raw.lstrip().startswith("+") or region in _NANP_REGIONS):
            return "+1" + "".join(match.groups())
    # phonenumbers reads past words ('pager 1234' parses as 1234): a number with words in it
    # beyond an extension marker is not one it can be trusted to read.
    if any(c.isalpha() for c in _EXTENSION.sub("", raw)):
        raise InvalidInput(f"'{raw}' is not a phone number: it has words in it.")
    import phonenumbers

    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput(f"'{raw}' is not a phone number.") from None
    # A number possible only when dialled locally (a short internal number) has no E.164 form.
    reason = phonenumbers.is_possible_number_with_reason(parsed)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        raise InvalidInput(f"'{raw}' is not a possible phone number.")
    number = str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    # Colleagues share a switchboard and differ by extension, so it stays (as RFC 3966 writes it).
    return f"{number};ext={parsed.extension}" if parsed.extension else number


def display_phone(value: str, *, region: str) -> str:
    """A stored number as people write it: `0161 496 0000` at home in `region`, else
    `+44 161 496 0000`; a number kept as typed is shown as typed."""
    if not value.startswith("+"):
        return value
    import phonenumbers  # only where a phone is shown

    try:
        parsed = phonenumbers.parse(value)
    except phonenumbers.NumberParseException:
        return value
    # The calling code, not the region: a number in a range not yet in use has no region.
    at_home = parsed.country_code == phonenumbers.country_code_for_region(region)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if at_home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(parsed, style))


def parse_region(raw: str) -> str:
    """An ISO 3166 alpha-2 country code whose national numbers phonenumbers can read.

    Raises: InvalidInput naming the value.
    """
    import phonenumbers

    code = raw.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(
            f"'{raw}' is not a country code goodword knows; use two letters such as GB or US."
        )
    return code


def is_linkedin(url: str) -> bool:
    """A LinkedIn profile or company page (what `normalize_linkedin` accepts); other
    linkedin.com links, such as the feed, stay plain URLs."""
    return _LINKEDIN.match(url.strip()) is not None


def normalize_linkedin(raw: str) -> str:
    """Raises: InvalidInput when the text is not a LinkedIn profile or company URL."""
    match = _LINKEDIN.match(raw.strip())
    if not match:
        raise InvalidInput(f"'{raw}' is not a LinkedIn profile URL.")
    return f"https://www.linkedin.com/{match.group(1).lower()}/{match.group(2).lower()}"


def normalize_im(raw: str) -> str:
    """`service:handle` with the service lower-cased (`Skype:ann.lee` → `skype:ann.lee`).

    Raises: InvalidInput for empty text or text with spaces inside.
    """
    text = raw.strip()
    if not text or any(c.isspace() for c in text):
        raise InvalidInput(f"'{raw}' is not an instant-messaging handle.")
    service, colon, handle = text.partition(":")
    if colon and _URI_SCHEME.fullmatch(service):
        if not handle:  # `aim:` is an empty field, and would make everyone with one the same
            raise InvalidInput(f"'{raw}' names a service but no handle.")
        return f"{service.lower()}:{handle}"
    return text


def normalize_url(raw: str) -> str:
    """Raises: InvalidInput when the text has no host."""
    url = raw.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        url = "https://" + url
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    if not host or "." not in host:
        raise InvalidInput(f"'{raw}' is not a URL.")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/")


DATE_FORMS = "YYYY-MM-DD or YYYY-MM-DDTHH:MM"
_BIRTHDAY_FORMS = "use YYYY-MM-DD, or --MM-DD without the year"


def parse_date(raw: str, *, what: str = "date") -> date:
    """ISO 8601 only, so scripts and people agree on what 03/04 means. A time may follow, as
    every date option takes the same forms; where only the day is kept, the day is used.

    Raises: InvalidInput naming the value and every accepted form.
    """
    text = raw.strip()
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return parse_datetime(text, what=what).date()


def parse_day_and_time(raw: str, *, what: str = "date") -> tuple[date, time | None]:
    """The day, and the time of day when one is written (None for a day alone), as written:
    a UTC offset does not move it, so `07:30+01:00` is 07:30, the time on the invitation.

    Raises: InvalidInput naming the value and every accepted form.
    """
    text = raw.strip()
    try:
        return date.fromisoformat(text), None
    except ValueError:
        moment = parse_datetime(text, what=what)
    return moment.date(), moment.time().replace(microsecond=0)


def parse_datetime(raw: str, *, what: str = "date") -> datetime:
    """Raises: InvalidInput naming the value and every accepted form."""
    try:
        return datetime.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(f"'{raw}' is not a valid {what}; use {DATE_FORMS}.") from None


def parse_money(raw: str | float | Decimal, *, what: str = "amount") -> Decimal:
    """Raises: InvalidInput for text that is not a non-negative decimal amount."""
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except InvalidOperation:
        raise InvalidInput(f"'{raw}' is not a valid {what}; use a number like 1500.00.") from None
    if not value.is_finite() or value < 0:
        raise InvalidInput(f"'{raw}' is not a valid {what}; it must be zero or more.")
    # Amounts are stored with ten digits before the point.
    if value >= MAX_MONEY:
        raise InvalidInput(f"The {what} '{raw}' is too large; the most is 9,999,999,999.99.")
    return value.quantize(Decimal("0.01"))


def parse_currency(raw: str) -> str:
    """An ISO 4217 code in capitals: a typo such as GPB would file an amount under a currency
    nobody uses, and totals per currency would never add up.

    Raises: InvalidInput naming the value, with the code it was probably meant to be.
    """
    code = raw.strip().upper()
    codes = currency_codes()
    if code in codes:
        return code
    from rapidfuzz.distance import OSA  # only for a code that is not ISO 4217

    near = [c for c in sorted(codes) if len(code) == 3 and OSA.distance(code, c) == 1]
    suggestion = f" Did you mean {' or '.join(near[:3])}?" if 0 < len(near) <= 3 else ""
    raise InvalidInput(
        f"'{raw}' is not an ISO 4217 currency code.{suggestion}",
        hint="Use three letters such as GBP, EUR or USD.",
    )


@cache
def currency_codes() -> frozenset[str]:
    """Every current ISO 4217 code, from pycountry's copy of the standard."""
    import pycountry  # only when money is typed: its tables are large

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def parse_strength(raw: float | None) -> float | None:
    """Raises: InvalidInput outside 0..1."""
    if raw is None:
        return None
    if not 0.0 <= raw <= 1.0:
        raise InvalidInput(f"Strength {raw} is out of range; use a number from 0 to 1.")
    return float(raw)


def parse_birthday(raw: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) from YYYY-MM-DD or --MM-DD (vCard's form for no year).

    Raises: InvalidInput naming the value and both accepted forms.
    """
    text = raw.strip()
    if match := re.fullmatch(r"--(\d{2})-?(\d{2})", text):
        year, month, day = None, int(match.group(1)), int(match.group(2))
    else:
        try:
            parsed = date.fromisoformat(text)  # a day, never a moment: no time may follow
        except ValueError:
            raise InvalidInput(f"'{raw}' is not a valid birthday; {_BIRTHDAY_FORMS}.") from None
        year, month, day = parsed.year, parsed.month, parsed.day
    if not is_birthday(year, month, day):
        raise InvalidInput(f"'{raw}' is not a valid birthday; {_BIRTHDAY_FORMS}.")
    return year, month, day


NO_YEAR = 1604  # the year Apple and Outlook write for a birthday without one


def is_birthday(year: int | None, month: int, day: int) -> bool:
    """A real date, or one that is real in some year when the year is unknown (29 February)."""
    try:
        date(2000 if year is None else year, month, day)  # 2000 is a leap year
    except (ValueError, OverflowError):  # a year of twenty digits overflows
        return False
    return True


def parse_when(raw: str, *, what: str = "date") -> datetime:
    """A moment from a date (taken as midday UTC, so it stays that day everywhere) or a time.

    Raises: InvalidInput naming the value and every accepted form.
    """
    text = raw.strip()
    if len(text) == 10:
        day = parse_date(text, what=what)
        return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    moment = parse_datetime(text, what=what)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with % _ and \\ taken literally (escape '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def id_in_ref(ref: str) -> int | None:
    """The id a REF names (`12` or `#12`), or None when it names by e-mail or name."""
    match = _ID_REF.fullmatch(ref.strip())
    return int(match.group(1)) if match else None


# A typo still finds a unique name; a looser match only becomes a suggestion.
ACCEPT_SCORE = 88.0
SUGGEST_SCORE = 60.0


def closest_names(
    text: str, names: Mapping[int, str], *, limit: int, cutoff: float
) -> list[tuple[int, str, float]]:
    """(id, name, score) of the names closest to `text`, best first, ignoring case and accents."""
    from rapidfuzz import fuzz, process  # only for a name not found as typed

    # WRatio weighs partial matches, which is right for "Margret" but far too loose for
    # two or three letters ("me" would match every name containing it).
    scorer = fuzz.WRatio if len(text) >= 5 else fuzz.ratio
    found = process.extract(
        text, names, scorer=scorer, processor=_comparable, limit=limit, score_cutoff=cutoff
    )
    return [(key, name, score) for name, score, key in found]


def clear_winner(text: str, near: Sequence[tuple[int, str, float]]) -> int | None:
    """The id of the one close name well ahead of the rest, so a typo resolves but never
    picks between two plausible names. Numbers must agree: `Mixer 3` is not a typo of `Mixer 2`.
    """
    digits = _DIGITS.findall(text)
    accepted = [m for m in near if m[2] >= ACCEPT_SCORE and _DIGITS.findall(m[1]) == digits]
    if len(accepted) != 1:
        return None
    best = accepted[0]
    runner_up = max((m[2] for m in near if m is not best), default=0.0)
    return best[0] if runner_up < best[2] - 5 else None


def _comparable(name: str) -> str:
    from rapidfuzz import utils  # only for a name not found as typed

    return str(utils.default_process(fold(name)))
