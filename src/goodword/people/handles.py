"""Normalising handles by kind, so the same address typed two ways is one handle."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from goodword.people.models import HandleKind
from goodword.text import (
    normalize_email,
    normalize_im,
    normalize_linkedin,
    normalize_phone,
    normalize_url,
)


def handle_normaliser(kind: HandleKind, *, region: str = "US") -> Callable[[str], str]:
    """The normaliser for `kind`, so a bulk import looks it up once rather than per value."""
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
