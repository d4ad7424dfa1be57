"""Reports over the whole network: `report roi`."""

from pathlib import Path
from typing import Annotated

import typer

from goodword.cli import render
from goodword.cli.options import Json
from goodword.cli.state import state
from goodword.errors import InvalidInput
from goodword.text import parse_date

report_app = typer.Typer(help="Reports on what your networking brought.", no_args_is_help=True)
MODELS = ("last-touch", "first-touch", "linear")


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")


@report_app.command("roi")
def roi(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only business won from this day.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only business won up to this day.")
    ] = None,
    model: Annotated[
        str,
        typer.Option(
            metavar="MODEL",
            help="Who gets the credit along a chain: last-touch (the referrer), first-touch "
            "(who knew the prospect) or linear (everyone, evenly).",
        ),
    ] = "last-touch",
    chart: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Also draw the figures to this .svg or .png file."),
    ] = None,
    json: Json = False,
) -> None:
    """Won business by advocate and event, its sources, the funnel and how concentrated it is."""
    from goodword.insights.roi import Model, Period

    if model not in MODELS:
        raise InvalidInput(f"Unknown attribution model '{model}'; use one of: {', '.join(MODELS)}.")
    period = Period(
        since=parse_date(since, what="--since date") if since else None,
        until=parse_date(until, what="--until date") if until else None,
    )
    if period.since and period.until and period.since > period.until:
        raise InvalidInput(f"--since {period.since} is after --until {period.until}.")
    if chart is not None:
        from goodword.insights.charts import chart_format

        chart_format(chart)
    from goodword.insights.queries import roi as build

    with state(ctx).workspace().read() as session:
        report = build(session, model=Model(model), period=period)
    if chart is not None:
        from goodword.insights.charts import write_chart

        write_chart(report, chart)
    if json:
        render.emit_json(report)
    else:
        from goodword.cli import render_reports

        render_reports.roi(report)
        if chart is not None:
            render.done(f"Wrote the charts to {chart}")
