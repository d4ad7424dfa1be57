"""The demo owner's own rows: who they are, what they offer, their ideal client profile.

This is what the advocate brief shows. Criteria and tags the workspace already has are
kept: the demo adds to a blank profile rather than overwrite what the owner typed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from goodword.demo.stories import (
    ICP_CRITERIA,
    INNER_REFERRERS,
    OFFERING,
    OWNER_EMAIL,
    OWNER_INDUSTRY,
    OWNER_NAME,
    OWNER_TITLE,
    PREFERENCES,
)
from goodword.demo.vocabulary import CITIES, OWNER_CITY, TAGS
from goodword.demo.writer import TABLES, TableWriter
from goodword.people.models import HandleKind


def write_owner(writer: TableWriter, *, owner: int, now: datetime) -> None:
    person, handle, city = TABLES["person"], TABLES["handle"], CITIES[OWNER_CITY]
    writer.connection.execute(
        update(person)
        .where(person.c.id == owner)
        .values(
            name=OWNER_NAME,
            city=city.name,
            country=city.country,
            industry=OWNER_INDUSTRY,
            updated_at=now,
        )
    )
    if OWNER_EMAIL in writer.existing("handle", "value"):
        return
    has_email = writer.connection.scalar(
        select(func.count()).where(handle.c.person_id == owner, handle.c.kind == HandleKind.EMAIL)
    )
    row = {
        "workspace_id": writer.workspace_id,
        "person_id": owner,
        "kind": HandleKind.EMAIL,
        "value": OWNER_EMAIL,
        "label": "work",
        "is_primary": not has_email,
    }
    writer.insert("handle", [row])


def write_offering(writer: TableWriter, *, now: datetime) -> None:
    offering, criteria = TABLES["offering"], TABLES["icp_criterion"]
    wid = writer.workspace_id
    values = {**OFFERING, "updated_at": now}
    changed = writer.connection.execute(
        update(offering).where(offering.c.workspace_id == wid).values(**values)
    )
    if not changed.rowcount:
        writer.insert("offering", [{"workspace_id": wid, **values}])
    if writer.connection.scalar(select(func.count()).where(criteria.c.workspace_id == wid)):
        return
    rows = [
        {
            "workspace_id": wid,
            "field": field,
            "operator": operator,
            "value": value,
            "weight": weight,
        }
        for field, operator, value, weight in ICP_CRITERIA
    ]
    writer.insert("icp_criterion", rows)


def write_preferences(writer: TableWriter, *, owner: int) -> None:
    """The owner's own settings, and the tier they set by hand for their first referrers
    (everyone else follows the tier suggested from their score)."""
    wid = writer.workspace_id
    writer.insert(
        "setting", [{"workspace_id": wid, "key": k, "value": v} for k, v in PREFERENCES.items()]
    )
    referral, person = TABLES["referral"], TABLES["person"]
    referrers = writer.connection.scalars(
        select(referral.c.referrer_id)
        .where(referral.c.workspace_id == wid, referral.c.receiver_id == owner)
        .order_by(referral.c.id)
    ).all()
    firsts = list(dict.fromkeys(referrers))[:INNER_REFERRERS]
    writer.connection.execute(update(person).where(person.c.id.in_(firsts)).values(tier="inner"))


def write_owner_job(writer: TableWriter, *, owner: int, org_id: int) -> None:
    employment = TABLES["employment"]
    current = writer.connection.scalar(
        select(func.count()).where(employment.c.person_id == owner, employment.c.ended_on.is_(None))
    )
    if not current:
        row = {
            "workspace_id": writer.workspace_id,
            "person_id": owner,
            "org_id": org_id,
            "title": OWNER_TITLE,
            "started_on": None,
            "ended_on": None,
        }
        writer.insert("employment", [row])


def write_tags(writer: TableWriter) -> dict[str, int]:
    """Tag ids by name; reuses the workspace's tags, as tag names are unique per workspace."""
    tag = TABLES["tag"]
    rows = writer.connection.execute(
        select(tag.c.name, tag.c.id).where(tag.c.workspace_id == writer.workspace_id)
    )
    ids = {str(name): int(tag_id) for name, tag_id in rows}
    missing = [name for name in TAGS if name not in ids]
    first = writer.claim("tag", len(missing))
    ids.update({name: first + k for k, name in enumerate(missing)})
    writer.insert(
        "tag", [{"id": ids[n], "workspace_id": writer.workspace_id, "name": n} for n in missing]
    )
    return ids
