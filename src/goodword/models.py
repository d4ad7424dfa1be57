"""Every table, imported in one place so the migrations see the whole schema."""

from goodword.events.models import Attendance, Event
from goodword.followups.models import Followup
from goodword.interactions.models import Interaction, Participant
from goodword.offering.models import IcpCriterion, Offering
from goodword.people.models import (
    Address,
    Employment,
    Handle,
    Note,
    Organisation,
    Person,
    PersonSearch,
    PersonTag,
    Tag,
)
from goodword.people.search import refresh_search  # keeps `person_search` current on flush
from goodword.referrals.models import LedgerEntry, Referral, ReferralStep, ReferralVia
from goodword.relationships.models import Relationship
from goodword.settings.models import Setting
from goodword.storage.base import Base, WorkspaceRow

metadata = Base.metadata

__all__ = [
    "Address",
    "Attendance",
    "Employment",
    "Event",
    "Followup",
    "Handle",
    "IcpCriterion",
    "Interaction",
    "LedgerEntry",
    "Note",
    "Offering",
    "Organisation",
    "Participant",
    "Person",
    "PersonSearch",
    "PersonTag",
    "Referral",
    "ReferralStep",
    "ReferralVia",
    "Relationship",
    "Setting",
    "Tag",
    "WorkspaceRow",
    "metadata",
    "refresh_search",
]
