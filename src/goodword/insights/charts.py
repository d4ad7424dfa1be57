"""The ROI report's figures in one file: revenue by advocate, event ROI and the funnel.

matplotlib is an optional extra (`goodword[charts]`) and is imported only when a chart is
drawn, so no other command pays for it.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from goodword.errors import InvalidInput
from goodword.insights.schemas import RoiReport

FORMATS = {".svg": "svg", ".png": "png"}
TOP = 10  # advocates and events shown; the JSON has them all


def chart_format(path: Path) -> str:
    """Raises: InvalidInput for a file that is neither .svg nor .png."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InvalidInput(f"Cannot draw a chart as '{path.name}'; name a .svg or .png file.")
    return found


def _pyplot() -> Any:
    """Raises: InvalidInput naming the extra to install when matplotlib is missing."""
    try:
        import matplotlib
    except ImportError:
        raise InvalidInput(
            "Charts need matplotlib; install it with `pip install 'goodword[charts]'`."
        ) from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def write_chart(report: RoiReport, path: Path) -> None:
    """Raises: InvalidInput for an unusable file name or a missing matplotlib."""
    fmt = chart_format(path)
    plt = _pyplot()
    figure, (by_advocate, by_event, funnel) = plt.subplots(3, 1, figsize=(9, 13))
    try:
        _advocates(by_advocate, report)
        _events(by_event, report)
        _funnel(funnel, report)
        figure.suptitle(f"Return on networking ({report.model})")
        figure.tight_layout()
        try:
            figure.savefig(path, format=fmt)
        except OSError as exc:
            raise InvalidInput(f"Cannot write the chart to {path}: {exc.strerror}.") from None
    finally:
        plt.close(figure)


def chart_svg(report: RoiReport, name: str) -> bytes:
    """One of the figures (`CHARTS`) alone, as SVG, for a page to show beside its table.

    Raises: InvalidInput for an unknown figure or a missing matplotlib.
    """
    draw = CHARTS.get(name)
    if draw is None:
        raise InvalidInput(f"No chart named '{name}'; use one of: {', '.join(CHARTS)}.")
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(8, 4.5))
    try:
        draw(axes, report)
        figure.tight_layout()
        out = BytesIO()
        figure.savefig(out, format="svg")
        return out.getvalue()
    finally:
        plt.close(figure)


def _advocates(axes: Any, report: RoiReport) -> None:
    """The main currency only: bars in different currencies cannot share one axis."""
    rows = [r for r in report.advocates if r.currency == _main_currency(report)][:TOP]
    names = [r.person.name for r in rows][::-1]
    axes.barh(names, [float(r.won) for r in rows][::-1], color="#2f6f9f")
    axes.set_title(f"Won revenue by advocate ({_main_currency(report) or 'none yet'})")
    axes.set_xlabel(_main_currency(report) or "")


def _events(axes: Any, report: RoiReport) -> None:
    rows = [r for r in report.events if r.roi is not None]
    rows = sorted(rows, key=lambda r: -(r.roi or 0.0))[:TOP][::-1]
    several = len({r.currency for r in rows}) > 1
    labels = [f"{r.event.name} ({r.currency})" if several else r.event.name for r in rows]
    values = [r.roi or 0.0 for r in rows]
    axes.barh(labels, values, color=["#2f9f5f" if v >= 1 else "#c0504d" for v in values])
    for y, value in enumerate(values):
        shown = f"{value:.2f}×" if value else "no return"
        axes.annotate(shown, (value, y), xytext=(4, 0), textcoords="offset points", va="center")
    axes.axvline(1.0, color="#555555", linewidth=0.8, linestyle="--")
    axes.set_title("Event ROI (revenue ÷ cost; the line is break-even)")


def _funnel(axes: Any, report: RoiReport) -> None:
    f = report.funnel
    stages = ["people met", "advocates", "referrals received", "won"]
    counts = [f.met, f.advocates, f.referrals, f.won]
    axes.barh(stages[::-1], counts[::-1], color="#7f5f9f")
    for y, count in enumerate(counts[::-1]):
        axes.annotate(
            f"{count:,}", (count, y), xytext=(4, 0), textcoords="offset points", va="center"
        )
    axes.set_title("Funnel")


def _main_currency(report: RoiReport) -> str | None:
    """The currency most of the won business is in."""
    totals: dict[str, float] = {}
    for row in report.advocates:
        totals[row.currency] = totals.get(row.currency, 0.0) + float(row.won)
    return max(totals, key=lambda c: totals[c]) if totals else None


CHARTS = {"advocates": _advocates, "events": _events, "funnel": _funnel}
