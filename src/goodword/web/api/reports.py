"""The ROI report: won business by advocate and event, its sources, the funnel, concentration."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from goodword.errors import InvalidInput
from goodword.insights.schemas import RoiReport
from goodword.web.deps import ReadSession

router = APIRouter(tags=["reports"])
ModelName = Literal["last-touch", "first-touch", "linear"]
ModelQuery = Annotated[
    ModelName,
    Query(description="Who gets the credit along a chain: the referrer, who knew the prospect, "
          "or everyone evenly."),
]  # fmt: skip
Since = Annotated[date | None, Query(description="Only business won from this day.")]
Until = Annotated[date | None, Query(description="Only business won up to this day.")]


def roi_report(
    session: ReadSession,
    model: ModelQuery = "last-touch",
    since: Since = None,
    until: Until = None,
) -> RoiReport:
    """The same report as `goodword report roi`, for the period and model a request asks.

    Raises: InvalidInput for a period that ends before it starts.
    """
    from goodword.insights.queries import roi
    from goodword.insights.roi import Model, Period

    if since and until and since > until:
        raise InvalidInput(f"since {since} is after until {until}.")
    return roi(session, model=Model(model), period=Period(since=since, until=until))


Report = Annotated[RoiReport, Depends(roi_report)]


@router.get("/reports/roi", summary="The ROI report", response_model=RoiReport)
def get_roi(report: Report) -> RoiReport:
    return report
