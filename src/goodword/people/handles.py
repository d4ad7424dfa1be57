"""Normalising handles by kind, so the same address typed two ways is one handle."""

from __future__ import annotations

from goodword.people.models import HandleKind
from goodword.text import normalize_email, normalize_linkedin, normalize_phone, normalize_url


def normalize_handle(kind: HandleKind, raw: str, *, region: str = "US") -> str:
    """Raises: InvalidInput when `raw` is not a valid value of `kind`."""
    match kind:
        case HandleKind.EMAIL:
            return normalize_email(raw)
        case HandleKind.PHONE:
            return normalize_phone(raw, region=region)
        case HandleKind.LINKEDIN:
            return normalize_linkedin(raw)
        case HandleKind.URL:
            return normalize_url(raw)
