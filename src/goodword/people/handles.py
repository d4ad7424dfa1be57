"""Normalising handles by kind, so the same address typed two ways is one handle.

A phone, URL or IM handle that does not normalise is kept as typed rather than dropped: the
user typed it for a reason (`pager 1234`, an internal extension, an intranet page), and kept
verbatim it still matches itself when the same file is imported again.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import NamedTuple

from goodword.errors import InvalidInput
from goodword.people.models import HandleKind
from goodword.text import (
    clean_name,
    fold,
    nfc,
    normalize_email,
    normalize_im,
    normalize_linkedin,
    normalize_phone,
    normalize_url,
)

# An e-mail or LinkedIn profile that does not parse identifies nobody, so it stays an error.
KEPT_AS_TYPED = frozenset({HandleKind.PHONE, HandleKind.URL, HandleKind.IM})
# What spreadsheets hold for "none": kept, it would make everyone who has it one person.
_PLACEHOLDERS = frozenset({"n/a", "na", "none", "nil", "null", "unknown", "tbd", "tba"})


class HandleValue(NamedTuple):
    value: str
    is_normalised: bool = True


def handle_normaliser(kind: HandleKind, *, region: str = "US") -> Callable[[str], str]:
    """The normaliser for `kind`, so a bulk import looks it up once rather than per value.

    Every value comes out NFC, as all stored text is: an IM handle or a URL path written
    with decomposed accents is then the same handle as one written composed.
    """
    normalise = _by_kind(kind, region)
    return lambda raw: nfc(normalise(raw))


def _by_kind(kind: HandleKind, region: str) -> Callable[[str], str]:
    match kind:
        case HandleKind.EMAIL:
            return normalize_email
        case HandleKind.PHONE:
            return partial(normalize_phone, region=region)
        case HandleKind.LINKEDIN:
            return normalize_linkedin
        case HandleKind.URL:
            return normalize_url
        case HandleKind.IM:
            return normalize_im


def normalize_handle(kind: HandleKind, raw: str, *, region: str = "US") -> str:
    """Raises: InvalidInput when `raw` is not a valid value of `kind`."""
    return handle_normaliser(kind, region=region)(raw)


def read_handle(kind: HandleKind, raw: str, *, region: str = "US") -> HandleValue:
    """The normalised value, or for a phone, URL or IM handle that does not parse, the text.

    Raises: InvalidInput for an e-mail or LinkedIn URL that does not parse, or text with
    nothing in it to keep.
    """
    try:
        return HandleValue(normalize_handle(kind, raw, region=region))
    except InvalidInput:
        typed = keep_as_typed(kind, raw)
        if typed is None:
            raise
        return HandleValue(typed, is_normalised=False)


def keep_as_typed(kind: HandleKind | str, raw: str) -> str | None:
    """The text to keep for a value of `kind` that did not normalise, or None when there is
    nothing worth keeping: an empty field, a bare scheme (`aim:`, `http://`), a placeholder
    such as `n/a`, or a "phone" without a digit (Outlook's `BusinessPhone` template)."""
    if kind not in KEPT_AS_TYPED:
        return None
    text = clean_name(raw)
    scheme, colon, rest = text.partition(":")
    body = rest.lstrip("/") if colon and scheme.isalpha() else text
    if not any(c.isalnum() for c in body) or fold(text) in _PLACEHOLDERS:
        return None
    if kind == HandleKind.PHONE and not any(c.isdigit() for c in text):
        return None
    return text


def spellings(kind: HandleKind, raw: str, *, region: str = "US") -> set[str]:
    """Every stored value `raw` can name: its normalised form, and the text as typed (which is
    how a value that did not normalise was kept)."""
    found = {clean_name(raw)}
    with suppress(InvalidInput):
        found.add(normalize_handle(kind, raw, region=region))
    return found
