"""The ROI report as tables, with its figures drawn as SVG beside them."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from goodword.web.api.reports import ModelQuery, Report, Since, Until
from goodword.web.templating import render

router = APIRouter()
ChartName = Annotated[Literal["advocates", "events", "funnel"], Path()]
MODELS = ("last-touch", "first-touch", "linear")
# An SVG opened on its own is a document: nothing in it may run or load.
SVG_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}


@router.get("/reports", response_class=HTMLResponse)
def reports(
    request: Request,
    report: Report,
    model: ModelQuery = "last-touch",
    since: Since = None,
    until: Until = None,
) -> HTMLResponse:
    period = {"model": model, "since": since or "", "until": until or ""}
    context = {"report": report, "models": MODELS, "period": period, "query": urlencode(period)}
    return render(request, "reports.html", context)


@router.get("/reports/chart/{name}.svg")
def chart(name: ChartName, report: Report) -> Response:
    from goodword.insights.charts import chart_svg

    return Response(chart_svg(report, name), media_type="image/svg+xml", headers=SVG_HEADERS)
