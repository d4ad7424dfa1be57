"""Rich output of `report roi`: one table per question the report answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goodword.cli.render import out, table

if TYPE_CHECKING:
    from goodword.insights.schemas import RoiReport

TOP = 20  # advocate rows shown; `--json` has them all


def roi(report: RoiReport) -> None:
    period = f"{report.since or 'the start'} to {report.until or 'today'}"
    out.print(f"Return on networking, {period}, credited {report.model}.", markup=False)
    _advocates(report)
    _events(report)
    _sources(report)
    _funnel(report)
    _concentration(report)


def _advocates(report: RoiReport) -> None:
    shown = report.advocates[:TOP]
    table(
        f"Won business by advocate ({len(shown)} of {len(report.advocates)})",
        ["person", "won", "currency", "referrals", "clients"],
        (
            (f"{r.person.name} (#{r.person.id})", r.won, r.currency, r.count, r.clients)
            for r in shown
        ),
    )


def _events(report: RoiReport) -> None:
    table(
        f"Events ({len({r.event.id for r in report.events})})",
        ["event", "revenue", "via advocates", "cost", "ROI", "clients"],
        (
            (
                f"{r.event.name} (#{r.event.id}, {r.event.starts_on})",
                f"{r.revenue} {r.currency or ''}".strip(),
                r.through_advocates,
                r.cost,
                _roi(r.roi, r.revenue),
                r.clients,
            )
            for r in report.events
        ),
    )


def _roi(value: float | None, revenue: object) -> str:
    if value == 0.0 or (value is None and not revenue):
        return "no return"
    return "no cost" if value is None else f"{value:.2f}×"


def _sources(report: RoiReport) -> None:
    s = report.sources
    share = "" if s.share_through_advocates is None else f"{s.share_through_advocates:.0%}"
    won = ", ".join(f"{m.amount} {m.currency}" for m in s.won_through_advocates)
    table(
        "Where clients came from",
        ["source", "clients", "won", "share"],
        [
            ("through advocates", s.clients_through_advocates, won, share),
            ("direct (client tie, no referral)", s.direct_clients, "", ""),
            ("referrals you gave", s.referrals_given, "", ""),
        ],
    )


def _funnel(report: RoiReport) -> None:
    f = report.funnel
    rates = f.rates
    median = f.median_days_to_first_referral
    table(
        "Funnel",
        ["stage", "count", "conversion"],
        [
            ("people met", f.met, ""),
            ("advocates", f.advocates, _pct(rates["met_to_advocate"], "of people met")),
            ("referrals received", f.referrals, _per(rates["referrals_per_advocate"])),
            ("won", f.won, _pct(rates["referral_to_won"], "of referrals")),
            ("lost", f.lost, _pct(rates["closed_won"], "won of those closed")),
        ],
    )
    if median is not None:
        out.print(f"Median time from first meeting to first referral: {median:g} days.")


def _concentration(report: RoiReport) -> None:
    c = report.concentration
    for top in c.top_20_percent:
        out.print(
            f"The top {top.top} of {top.advocates} advocates brought {top.share:.0%} of the "
            f"{top.currency} revenue.",
            markup=False,
        )
    per = c.clients_per_advocate
    if per.advocates:
        out.print(
            f"Clients per advocate: median {per.median:g}, most {per.most}; "
            f"{per.five_or_more} brought 5 or more, {per.ten_or_more} 10 or more.",
            markup=False,
        )


def _pct(value: float | None, of: str) -> str:
    return "" if value is None else f"{value:.1%} {of}"


def _per(value: float | None) -> str:
    return "" if value is None else f"{value:.2f} per advocate"
