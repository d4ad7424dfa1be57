"""`goodword demo`: a deterministic, realistic sample network to explore goodword with.

The owner is Dana Whitfield, a fractional CFO for venture-backed tech founders, with a few
hundred direct contacts, the thousands of people they know, two years of events, meetings
and referrals, and the follow-ups that are due today.
"""

from goodword.demo.load import DemoSummary, fill_demo, require_empty

__all__ = ["DemoSummary", "fill_demo", "require_empty"]
