"""Rich output of nurture: the agenda, settings, and the tier and ladder in `person show`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from goodword.cli.render import out, table, warn

if TYPE_CHECKING:
    from goodword.nurture.schemas import Agenda, LadderView, TierView
    from goodword.settings.schemas import SettingView

# How many names the line about later items lists before it only counts.
_LATER_NAMES = 8


def agenda(found: Agenda) -> None:
    total = len(found.items) + len(found.later)
    table(
        f"Agenda for {found.date} ({len(found.items)} of {total})",
        ["priority", "person", "action", "why", "due", "also"],
        (
            (
                f"{i.priority:.0f}",
                f"{i.person.name} (#{i.person.id})",
                i.action + (f" [follow-up #{i.followup_id}]" if i.followup_id else ""),
                i.reason,
                i.due_on,
                ", ".join(a.kind for a in i.also),
            )
            for i in found.items
        ),
    )
    if found.later:
        names = ", ".join(i.name for i in found.later[:_LATER_NAMES])
        more = len(found.later) - _LATER_NAMES
        out.print(
            f"Later ({len(found.later)}): {names}" + (f" and {more} more" if more > 0 else ""),
            markup=False,
        )
        warn("Pass --all to see everything, or a larger --limit.")


def settings(found: Sequence[SettingView]) -> None:
    table(
        "Settings",
        ["key", "value", "default", "what it does"],
        ((s.key, f"{s.value} {s.unit}", s.default, s.help) for s in found),
    )


def tier_and_ladder(tier: TierView, ladder: LadderView) -> None:
    how = "set by you" if tier.set_by_you else "auto"
    cadence = f", every {tier.cadence_days} days" if tier.cadence_days else ""
    out.print(f"  tier: {tier.value} ({how}{cadence}; suggested: {tier.suggested})", markup=False)
    if ladder.rung:
        step = f"; next: {ladder.next} — {ladder.next_step}" if ladder.next_step else ""
        out.print(f"  ladder: {ladder.rung}{step}", markup=False)
