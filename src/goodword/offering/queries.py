"""Reading the offering without creating it, for work that must not write."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.offering.models import Offering
from goodword.storage.session import workspace_id


def find_offering(session: Session) -> Offering | None:
    """The workspace's offering, or None before anything was set."""
    return session.scalar(select(Offering).where(Offering.workspace_id == workspace_id(session)))
