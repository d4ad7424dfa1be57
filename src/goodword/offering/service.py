"""Your offering and ideal client profile: what advocates need to know to refer you."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import InvalidInput
from goodword.offering.models import IcpCriterion, IcpField, IcpOperator, Offering
from goodword.offering.queries import find_offering
from goodword.people.models import Person
from goodword.people.service import (
    PersonFields,
    edit_person,
    get_owner,
    set_home_country,
    set_home_currency,
)
from goodword.storage.base import column_length
from goodword.storage.session import get_scoped, workspace_id
from goodword.text import bounded, clean_text


def get_offering(session: Session) -> Offering:
    """The workspace's offering; before anything was set, an empty one that is not stored,
    so showing it works in a read-only transaction and leaves no row behind."""
    return find_offering(session) or Offering(workspace_id=workspace_id(session))


def set_offering(
    session: Session,
    *,
    one_liner: str | None = None,
    problems: str | None = None,
    for_whom: str | None = None,
    results: str | None = None,
) -> Offering:
    """Sets the fields given, leaving the others as they are; the row is made on the first
    write."""
    offering = find_offering(session)
    if offering is None:
        offering = Offering(workspace_id=workspace_id(session))
        session.add(offering)
    for attr, value in (
        ("one_liner", one_liner),
        ("problems", problems),
        ("for_whom", for_whom),
        ("results", results),
    ):
        if value is not None:
            setattr(offering, attr, clean_text(value) or None)
    session.flush()
    return offering


def set_me(
    session: Session,
    *,
    name: str | None = None,
    emails: Sequence[str] = (),
    country: str | None = None,
    currency: str | None = None,
    one_liner: str | None = None,
    problems: str | None = None,
    for_whom: str | None = None,
    results: str | None = None,
) -> Person:
    """`goodword me set` and the settings page: you, your home country and currency, and
    your offering, in one change; the fields left None stay as they are.

    Raises: InvalidInput for a blank name, a bad e-mail, country or currency code;
    Conflict for an e-mail someone else has.
    """
    owner = get_owner(session)
    edit_person(session, person=owner, fields=PersonFields(name=name, emails=emails))
    if country is not None:
        set_home_country(session, code=country)
    if currency is not None:
        set_home_currency(session, code=currency)
    set_offering(
        session, one_liner=one_liner, problems=problems, for_whom=for_whom, results=results
    )
    return owner


def add_criterion(
    session: Session, *, field: IcpField, operator: IcpOperator, value: str, weight: float = 1.0
) -> IcpCriterion:
    """Raises: InvalidInput for an empty value or a weight that is not positive."""
    value = bounded(value, limit=column_length(IcpCriterion, "value"), what="criterion value")
    if not value:
        raise InvalidInput("An ICP criterion needs a value.")
    if not (math.isfinite(weight) and weight > 0):
        raise InvalidInput(f"Weight {weight} must be more than 0.")
    criterion = IcpCriterion(
        workspace_id=workspace_id(session),
        field=field,
        operator=operator,
        value=value,
        weight=weight,
    )
    session.add(criterion)
    session.flush()
    return criterion


def list_criteria(session: Session) -> list[IcpCriterion]:
    wid = workspace_id(session)
    return list(
        session.scalars(
            select(IcpCriterion).where(IcpCriterion.workspace_id == wid).order_by(IcpCriterion.id)
        )
    )


def remove_criterion(session: Session, *, criterion_id: int) -> None:
    """Raises: NotFound for an id not in this workspace."""
    criterion = get_scoped(
        session, IcpCriterion, criterion_id, what="ICP criterion", hint="See `goodword icp list`."
    )
    session.delete(criterion)
    session.flush()
