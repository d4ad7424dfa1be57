"""The demo owner's story: who they are, what they offer, and the texts of a working life.

Templates take `{first}` (the contact's first name), `{org}`, `{city}` and `{event}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from goodword.interactions.models import InteractionKind
from goodword.offering.models import IcpField, IcpOperator
from goodword.referrals.models import LedgerKind

OWNER_NAME = "Dana Whitfield"
OWNER_EMAIL = "dana@whitfieldcfo.example"
OWNER_TITLE = "Fractional CFO & Founder"
OWNER_INDUSTRY = "Accounting"
# Dana sees her potential advocates every four months, not three, and keeps the people who
# first referred her in her inner tier whatever their score says.
PREFERENCES = {"cadence.potential": "120"}
INNER_REFERRERS = 2

OFFERING = {
    "one_liner": (
        "I help venture-backed tech founders keep clean books, plan their cash and get "
        "investor-ready: a fractional CFO for the stretch between seed and Series B."
    ),
    "problems": (
        "Books months behind; no runway forecast anyone trusts; a messy cap table and data "
        "room just before a raise; surprise tax bills and unclaimed R&D credits; board decks "
        "assembled the night before the meeting."
    ),
    "for_whom": (
        "Founders and CEOs of seed to Series B software, SaaS and fintech companies in the "
        "Bay Area, usually 5 to 60 people, with no full-time finance lead yet."
    ),
    "results": (
        "Month-end close in five working days, an 18-month runway model the board relies on, "
        "a data room ready for due diligence, and typically $40k to $250k of R&D tax credits "
        "recovered in the first year."
    ),
}

ICP_CRITERIA: tuple[tuple[IcpField, IcpOperator, str, float], ...] = (
    (IcpField.INDUSTRY, IcpOperator.ANY_OF, "Software,SaaS,Fintech", 2.0),
    (IcpField.TITLE, IcpOperator.CONTAINS, "Founder", 1.5),
    (IcpField.TITLE, IcpOperator.CONTAINS, "CEO", 1.0),
    (IcpField.CITY, IcpOperator.ANY_OF, "San Francisco,Oakland,Palo Alto,San Jose", 1.0),
    (IcpField.TAG, IcpOperator.IS, "funded", 1.5),
)


@dataclass(frozen=True)
class EventKind:
    name: str
    place: str
    cost: Decimal
    weight: float
    annual: bool = False  # conferences carry the year; recurring meetings the month


EVENT_KINDS: tuple[EventKind, ...] = (
    EventKind("SF Chamber Business Breakfast", "Hotel Nikko, San Francisco", Decimal("35"), 4),
    EventKind(
        "BNI Golden Gate Chapter Meeting", "Marriott Marquis, San Francisco", Decimal("45"), 3
    ),
    EventKind("SaaS Founders Meetup", "Foundry Coworking, SoMa", Decimal("0"), 3),
    EventKind(
        "Bay Area CFO Roundtable", "Bayside Commerce Bank, Financial District", Decimal("0"), 2
    ),
    EventKind("Women in Finance Lunch", "The Battery, San Francisco", Decimal("65"), 2),
    EventKind("Angel Investor Pitch Night", "Golden Gate Angels, Palo Alto", Decimal("25"), 2),
    EventKind(
        "Startup Fundraising Fireside Chat", "Mission Launchpad, Mission District", Decimal("0"), 2
    ),
    EventKind("Fintech Forward Summit", "Moscone West, San Francisco", Decimal("895"), 1, True),
    EventKind("CloudScale Conference", "Oakland Marriott City Center", Decimal("1195"), 1, True),
    EventKind(
        "Year-End Tax Planning Workshop",
        "Whitfield CFO Partners, Union Square",
        Decimal("400"),
        1,
        True,
    ),
)

INTERACTION_NOTES: dict[InteractionKind, tuple[str, ...]] = {
    InteractionKind.COFFEE: (
        "Coffee at Sightglass; {first} is hiring a head of finance next quarter.",
        "Caught up over coffee: {org} is closing a seed extension.",
        "Coffee near {org}; talked about their first audit.",
    ),
    InteractionKind.MEETING: (
        "Lunch with {first}: walked through the board reporting pack for {org}.",
        "Met at {org} to review the budget for next year.",
        "Breakfast in {city}; {first} wants help with a fundraising model.",
    ),
    InteractionKind.CALL: (
        "Call about R&D tax credit eligibility for {org}.",
        "Quick call: {first} asked how 409A valuations work.",
        "Phone catch-up; {first} may know a founder who needs a CFO.",
    ),
    InteractionKind.VIDEO: (
        "Video call: reviewed the 13-week cash-flow model with {first}.",
        "Zoom with {first} and team about revenue recognition.",
    ),
    InteractionKind.EMAIL: (
        "Sent {first} the fundraising data-room checklist.",
        "Thanked {first} for the introduction.",
        "Shared the SaaS metrics benchmark with {first}.",
    ),
    InteractionKind.MESSAGE: (
        "LinkedIn message: congratulated {first} on the new role at {org}.",
        "Texted {first} about the chamber breakfast next week.",
    ),
    InteractionKind.EVENT: ("Met {first} at {event}.",),
}

PERSON_NOTES = (
    "Runs finance at {org}; prefers early-morning calls.",
    "Knows half the SaaS founders in {city}.",
    "Ex-Big Four, now at {org}. Very direct, very helpful.",
    "Wants introductions to Series A investors.",
    "Great source of fintech deal flow.",
    "Kids play in the same soccer league as ours.",
    "Sits on the chamber's small-business committee.",
    "Asked for the advocate brief; send the updated version.",
)

FOLLOWUP_REASONS = (
    "Follow up after {event}.",
    "Check in on the Series A timeline at {org}.",
    "Send {first} the advocate brief.",
    "Quarterly catch-up with {first}.",
    "Invite {first} to the tax planning workshop.",
    "Share the SaaS metrics benchmark with {first}.",
)
RECURRING_RULES = ("every 30 days", "every 60 days", "every 90 days")

GIVEN_BY_OWNER: tuple[tuple[LedgerKind, str], ...] = (
    (LedgerKind.INTRODUCTION, "Introduced {first} to a Series A investor."),
    (LedgerKind.INTRODUCTION, "Introduced {first} to an employment lawyer."),
    (LedgerKind.INFORMATION, "Sent {first} the SaaS metrics benchmark report."),
    (LedgerKind.HELP, "Reviewed the financial model of {org} before a board meeting."),
    (LedgerKind.REFERRAL, "Referred a founder who needed {first}'s services."),
)
GIVEN_TO_OWNER: tuple[tuple[LedgerKind, str], ...] = (
    (LedgerKind.RECOMMENDATION, "{first} recommended Dana in a founders' Slack."),
    (LedgerKind.INFORMATION, "{first} tipped Dana off about a startup raising its Series A."),
    (LedgerKind.HELP, "{first} hosted Dana's tax workshop at {org}."),
    (LedgerKind.GIFT, "{first} sent a bottle of wine after year-end close."),
    (LedgerKind.INTRODUCTION, "{first} introduced Dana to the chamber's events team."),
)

REFERRAL_NOTES = (
    "Seed-stage SaaS founder needs a fractional CFO before the Series A.",
    "Fintech startup months behind on its books; first audit due.",
    "Founder wants a 13-week cash-flow model for the board.",
    "Series A company needs help with revenue recognition.",
    "Two-founder startup asking about R&D tax credits.",
)


def fill(template: str, **values: str | None) -> str:
    """Missing values read naturally: no organisation becomes 'their company'."""
    defaults = {"first": "them", "org": "their company", "city": "town", "event": "an event"}
    return template.format(**{k: values.get(k) or v for k, v in defaults.items()})
