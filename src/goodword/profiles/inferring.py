"""Ties from what happened: who met, talked, referred or gave is taken to know the other.

Interactions, events and referrals are sibling domains of relationships and may not import
it, and having each take a tie writer would spread the rule over four services. So the
domains only record what happened, `relationships.inference` names the pairs that implies
(pure, shared with the importers and the demo), `relationships.service.infer_ties` writes
the missing ones, and this module, in the layer that may see both, joins them. Every profile
service that records evidence calls one of these right after the domain service, so a
new caller has one obvious place to look.

An inferred tie is only created, never changed, and outlives its evidence: deleting the
interaction, attendance, referral or ledger entry leaves it, as forgetting a coffee does not
make two people strangers.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from goodword.events.models import Event
from goodword.interactions.models import Interaction
from goodword.people.models import Person
from goodword.people.service import get_owner
from goodword.referrals.models import LedgerEntry, Referral
from goodword.relationships.inference import met_together, pair, referral_pairs
from goodword.relationships.service import infer_ties


def tie_interaction(session: Session, *, interaction: Interaction) -> int:
    """Everyone in a small group knows everyone else; the owner knows each person in any."""
    people = [p.person_id for p in interaction.participants]
    pairs = met_together(people, host=get_owner(session).id)
    return infer_ties(session, pairs=pairs, since=interaction.at.date())


def tie_attendance(session: Session, *, event: Event, people: Sequence[Person]) -> int:
    """The owner met each of `people` at `event`; nothing is implied between them."""
    me = get_owner(session).id
    pairs = [pair(me, person.id) for person in people]
    return infer_ties(session, pairs=pairs, since=event.starts_on)


def tie_referral(session: Session, *, referral: Referral) -> int:
    """Its ledger entry (the referrer gave the receiver) implies no pair beyond these."""
    pairs = referral_pairs(
        referrer=referral.referrer_id,
        receiver=referral.receiver_id,
        prospect=referral.prospect_id,
        via=[v.person_id for v in referral.via],
    )
    return infer_ties(session, pairs=pairs, since=referral.received_on)


def tie_ledger_entry(session: Session, *, entry: LedgerEntry) -> int:
    pairs = [pair(entry.giver_id, entry.receiver_id)]
    return infer_ties(session, pairs=pairs, since=entry.occurred_on)
