"""How big the network is: the counts `goodword summary` and the web app's header show."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from goodword.events.models import Event
from goodword.followups.models import Followup
from goodword.interactions.models import Interaction
from goodword.people.models import Organisation, Person
from goodword.referrals.models import LedgerEntry, Referral, ReferralStatus
from goodword.relationships.models import Relationship
from goodword.storage.session import workspace_id


def network_counts(session: Session) -> dict[str, int]:
    wid = workspace_id(session)

    def count(model: type, *where: ColumnElement[bool]) -> int:
        stmt = select(func.count()).select_from(model).where(model.workspace_id == wid, *where)  # type: ignore[attr-defined]
        return session.scalar(stmt) or 0

    return {
        "people": count(Person, Person.is_me.is_(False)),
        "organisations": count(Organisation),
        "ties": count(Relationship),
        "interactions": count(Interaction),
        "events": count(Event),
        "referrals": count(Referral),
        "referrals_won": count(Referral, Referral.status == ReferralStatus.WON),
        "ledger_entries": count(LedgerEntry),
        "open_followups": count(Followup, Followup.done_at.is_(None)),
    }
