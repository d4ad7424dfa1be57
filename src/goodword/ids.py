"""Distinct id types, so a person id is never passed where an event id is expected."""

from typing import NewType

WorkspaceId = NewType("WorkspaceId", int)
PersonId = NewType("PersonId", int)
OrgId = NewType("OrgId", int)
EventId = NewType("EventId", int)
InteractionId = NewType("InteractionId", int)
ReferralId = NewType("ReferralId", int)
FollowupId = NewType("FollowupId", int)
LedgerEntryId = NewType("LedgerEntryId", int)
CriterionId = NewType("CriterionId", int)
