"""Read models for the offering and the ICP."""

from __future__ import annotations

from pydantic import BaseModel

from goodword.offering.models import IcpCriterion, Offering


class OfferingView(BaseModel):
    one_liner: str | None
    problems: str | None
    for_whom: str | None
    results: str | None

    @classmethod
    def of(cls, o: Offering) -> OfferingView:
        return cls(
            one_liner=o.one_liner, problems=o.problems, for_whom=o.for_whom, results=o.results
        )


class CriterionView(BaseModel):
    id: int
    field: str
    operator: str
    value: str
    weight: float

    @classmethod
    def of(cls, c: IcpCriterion) -> CriterionView:
        return cls(
            id=c.id, field=c.field.value, operator=c.operator.value, value=c.value, weight=c.weight
        )
