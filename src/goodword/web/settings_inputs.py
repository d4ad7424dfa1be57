"""What the settings page's forms and their JSON twins carry, and the write each one makes:
the same use cases as `goodword me set`, `icp add` and `tier`."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StrictInt, StringConstraints
from sqlalchemy.orm import Session

from goodword.nurture.service import CHOICES
from goodword.offering.models import IcpCriterion, IcpField, IcpOperator
from goodword.offering.schemas import CriterionView
from goodword.offering.service import add_criterion, set_me
from goodword.people.models import Person
from goodword.people.service import get_owner
from goodword.storage.base import column_length

_SHORT = 200
_TEXT = 4000


def _blank_is_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


class OfferingEdit(BaseModel):
    """What `goodword me set` changes. A field left out stays as it is; an offering text
    sent empty is cleared, while an empty country, currency or e-mail changes nothing (a
    form sends every field)."""

    name: str | None = Field(default=None, max_length=_SHORT, description="Your name.")
    email: str | None = Field(default=None, max_length=_SHORT, description="An e-mail to add.")
    country: str | None = Field(
        default=None, max_length=_SHORT, description="Two letters, such as GB."
    )
    currency: str | None = Field(
        default=None, max_length=_SHORT, description="ISO 4217, such as GBP."
    )
    one_liner: str | None = Field(
        default=None, max_length=_TEXT, description="What you do, in one line."
    )
    problems: str | None = Field(default=None, max_length=_TEXT)
    for_whom: str | None = Field(default=None, max_length=_TEXT)
    results: str | None = Field(default=None, max_length=_TEXT)


def edit_offering(session: Session, *, edit: OfferingEdit) -> Person:
    """Raises: InvalidInput for a blank name, a bad e-mail, country or currency; Conflict
    for an e-mail someone else has."""
    email = _blank_is_none(edit.email)
    country = _blank_is_none(edit.country)
    if country is not None and country == get_owner(session).country:
        country = None  # sent back as shown: a country typed as a name is no code to check
    return set_me(
        session,
        name=edit.name,
        emails=(email,) if email else (),
        country=country,
        currency=_blank_is_none(edit.currency),
        one_liner=edit.one_liner,
        problems=edit.problems,
        for_whom=edit.for_whom,
        results=edit.results,
    )


class CriterionInput(BaseModel):
    """One criterion, as `goodword icp add FIELD OPERATOR VALUE --weight W` takes it."""

    field: IcpField
    operator: IcpOperator
    value: str = Field(
        max_length=column_length(IcpCriterion, "value"),
        description="The value; for any-of, comma-separated.",
    )
    weight: float = Field(default=1.0, description="How much this criterion counts (above 0).")


def add_to_icp(session: Session, *, criterion: CriterionInput) -> CriterionView:
    """Raises: InvalidInput for an empty value or a weight that is not above 0."""
    added = add_criterion(
        session,
        field=criterion.field,
        operator=criterion.operator,
        value=criterion.value,
        weight=criterion.weight,
    )
    return CriterionView.of(added)


SettingKey = Annotated[str, StringConstraints(max_length=50)]
SettingValues = dict[SettingKey, StrictInt | str]


class SettingValue(BaseModel):
    value: StrictInt | str = Field(description="A whole number within the key's range.")


class TierInput(BaseModel):
    tier: str = Field(max_length=20, description=f"One of: {', '.join(CHOICES)}.")


class TierByRef(TierInput):
    ref: str = Field(max_length=_SHORT, description="Id, e-mail, or (unique) name.")
