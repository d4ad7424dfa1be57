"""Writing people: create, edit, tag, note. Services flush; the caller's transaction commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.clock import today
from goodword.errors import InvalidInput, NotFound
from goodword.people.addresses import (
    LIMITS,
    PARTS,
    address_key,
    clean_parts,
    key_of,
    too_long,
)
from goodword.people.errors import handle_taken
from goodword.people.handles import read_handle, spellings
from goodword.people.models import (
    Address,
    ContactKind,
    Employment,
    Handle,
    HandleKind,
    Note,
    Organisation,
    Person,
    PersonTag,
    Tag,
)
from goodword.storage.base import WorkspaceRow, column_length
from goodword.storage.bulk import insert_returning_ids
from goodword.storage.session import phone_region, workspace_id
from goodword.text import (
    bounded,
    clean_name,
    clean_text,
    is_birthday,
    lowered,
    parse_currency,
    parse_region,
)

_NAME = column_length(Person, "name")
_TITLE = column_length(Employment, "title")


@dataclass(frozen=True, kw_only=True)
class PersonFields:
    """Everything `person add` and `person edit` accept; None leaves a field as it is."""

    name: str | None = None
    kind: ContactKind | None = None
    emails: Sequence[str] = ()
    phones: Sequence[str] = ()
    links: Sequence[str] = ()
    linkedin: str | None = None
    org: str | None = None
    title: str | None = None
    industry: str | None = None
    city: str | None = None
    country: str | None = None
    nickname: str | None = None
    ims: Sequence[str] = ()  # `service:handle`, e.g. `skype:ann.lee`
    tags: Sequence[str] = ()
    birthday: tuple[int | None, int, int] | None = None
    handle_labels: dict[str, str] = field(default_factory=dict)


def get_owner(session: Session) -> Person:
    """The owner of the workspace (`me`), created on first use."""
    wid = workspace_id(session)
    owner = session.scalar(select(Person).where(Person.workspace_id == wid, Person.is_me))
    if owner is None:
        owner = Person(workspace_id=wid, name="Me", is_me=True)
        session.add(owner)
        session.flush()
    return owner


def create_person(session: Session, *, fields: PersonFields) -> Person:
    """Raises: InvalidInput for a blank name or bad handle; Conflict for a handle in use."""
    name = bounded(fields.name or "", limit=_NAME, what="name")
    if not name:
        raise InvalidInput("A person needs a name.")
    person = Person(
        workspace_id=workspace_id(session), name=name, kind=fields.kind or ContactKind.PERSON
    )
    session.add(person)
    session.flush()
    _apply(session, person, fields)
    return person


def edit_person(session: Session, *, person: Person, fields: PersonFields) -> Person:
    """Adds the handles and tags given and replaces the other fields that are set.

    Raises: InvalidInput for a blank name or bad handle; Conflict for a handle in use.
    """
    if fields.name is not None:
        name = bounded(fields.name, limit=_NAME, what="name")
        if not name:
            raise InvalidInput("A person needs a name.")
        person.name = name
    _apply(session, person, fields)
    return person


def _apply(session: Session, person: Person, fields: PersonFields) -> None:
    if fields.kind is not None:
        person.kind = fields.kind
    # An organisation's own card belongs to the organisation of its name, so a search by
    # organisation, an ICP rule on it and matching on re-import find it beside the firm's people.
    if fields.kind == ContactKind.ORGANISATION and fields.org is None and not current_job(person):
        set_employment(session, person=person, org=person.name, title=None)
    for attr in ("nickname", "industry", "city", "country"):
        value = getattr(fields, attr)
        if value is not None:
            setattr(
                person, attr, bounded(value, limit=column_length(Person, attr), what=attr) or None
            )
    if fields.birthday is not None:
        year, month, day = fields.birthday
        _check_birthday(year, month, day)
        person.birthday_year, person.birthday_month, person.birthday_day = year, month, day
    region = phone_region(session)
    wanted = [
        *((HandleKind.EMAIL, v) for v in fields.emails),
        *((HandleKind.PHONE, v) for v in fields.phones),
        *((HandleKind.URL, v) for v in fields.links),
        *((HandleKind.LINKEDIN, v) for v in ([fields.linkedin] if fields.linkedin else [])),
        *((HandleKind.IM, v) for v in fields.ims),
    ]
    for kind, raw in wanted:
        value, is_normalised = read_handle(kind, raw, region=region)
        add_handle(
            session,
            person=person,
            kind=kind,
            value=value,
            label=fields.handle_labels.get(raw),
            is_normalised=is_normalised,
        )
    if fields.org is not None or fields.title is not None:
        set_employment(session, person=person, org=fields.org, title=fields.title)
    tag_person(session, person=person, tags=fields.tags)
    session.flush()


def _check_birthday(year: int | None, month: int, day: int) -> None:
    if not is_birthday(year, month, day):
        raise InvalidInput(f"{year or '--'}-{month:02d}-{day:02d} is not a valid birthday.")


def add_handle(
    session: Session,
    *,
    person: Person,
    kind: HandleKind,
    value: str,
    label: str | None = None,
    is_normalised: bool = True,
) -> Handle:
    """Adds an already-normalised handle (or one kept as typed, `is_normalised=False`); the
    person's first handle of a kind is primary.

    Raises: Conflict when the handle belongs to someone else; InvalidInput when it or its
    label is too long to keep.
    """
    value = bounded(value, limit=column_length(Handle, "value"), what=f"{kind.value} handle")
    label = bounded(label, limit=column_length(Handle, "label"), what="label") if label else None
    wid = workspace_id(session)
    existing = session.scalar(
        select(Handle).where(Handle.workspace_id == wid, Handle.kind == kind, Handle.value == value)
    )
    if existing is not None:
        if existing.person_id != person.id:
            owner = session.get_one(Person, existing.person_id)
            raise handle_taken(value, (owner.id, owner.name))
        return existing
    is_first = not any(h.kind == kind for h in person.handles)
    handle = Handle(
        workspace_id=wid,
        person=person,
        kind=kind,
        value=value,
        label=label,
        is_primary=is_first,
        is_normalised=is_normalised,
    )
    session.add(handle)
    session.flush()
    return handle


# What `--remove-link` and the others may name, and how an error calls it.
_REMOVABLE = {
    "emails": ((HandleKind.EMAIL,), "e-mail"),
    "phones": ((HandleKind.PHONE,), "phone number"),
    "links": ((HandleKind.URL, HandleKind.LINKEDIN), "link"),
    "ims": ((HandleKind.IM,), "IM handle"),
}


def remove_handles(
    session: Session,
    *,
    person: Person,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    links: Sequence[str] = (),
    ims: Sequence[str] = (),
) -> None:
    """Takes off the `emails`, `phones`, `links` and `ims` named, each as typed or as it reads
    once normalised; the next of a kind becomes primary when the primary goes.

    Raises: NotFound naming a value the person does not have (nothing is removed then).
    """
    region = phone_region(session)
    doomed: dict[int, Handle] = {}
    values = {"emails": emails, "phones": phones, "links": links, "ims": ims}
    for group, raws in values.items():
        kinds, what = _REMOVABLE[group]
        for raw in raws:
            names = set().union(*(spellings(kind, raw, region=region) for kind in kinds))
            found = [h for h in person.handles if h.kind in kinds and h.value in names]
            if not found:
                raise NotFound(
                    f"{person.name} (#{person.id}) has no {what} '{clean_name(raw)}'.",
                    hint=f"See `goodword person show {person.id}`.",
                )
            doomed.update((h.id, h) for h in found)
    for handle in doomed.values():
        session.delete(handle)
    session.flush()
    session.expire(person, ["handles"])
    for kind in {h.kind for h in doomed.values()}:
        left = [h for h in person.handles if h.kind == kind]
        if left and not any(h.is_primary for h in left):
            left[0].is_primary = True
    session.flush()


def add_address(
    session: Session,
    *,
    person: Person,
    label: str | None = None,
    po_box: str | None = None,
    street: str | None = None,
    city: str | None = None,
    region: str | None = None,
    postcode: str | None = None,
    country: str | None = None,
) -> Address:
    """Adds a postal address, or returns the same one the person already has.

    A person's first address is their primary one. The first address with a city or a
    country gives them both when they have neither, as an import does (`place_of`), so an
    exported address book imports back with the same place.
    Raises: InvalidInput for an address with no part, or a part too long to keep.
    """
    parts = clean_parts((label, po_box, street, city, region, postcode, country))
    if parts is None:
        raise InvalidInput("An address needs at least one part (street, city, postcode …).")
    if long := too_long(parts):
        what, limit = long[0].replace("_", " "), LIMITS[long[0]]
        raise InvalidInput(f"The {what} is too long; at most {limit} characters.")
    key = address_key(parts)
    for known in person.addresses:
        if key_of(known) == key:
            return known
    address = Address(
        workspace_id=workspace_id(session),
        person_id=person.id,
        is_primary=not person.addresses,
        **dict(zip(PARTS, parts, strict=True)),
    )
    session.add(address)
    if person.city is None and person.country is None and (address.city or address.country):
        person.city, person.country = address.city, address.country
    session.flush()
    session.expire(person, ["addresses"])
    return address


def set_home_country(session: Session, *, code: str) -> str:
    """Sets the owner's country and the region national phone numbers are read in; returns
    the code. A number typed without its country code belongs to where the user lives.

    Raises: InvalidInput for a code that is not an ISO 3166 alpha-2 country phonenumbers knows.
    """
    region = parse_region(code)
    get_owner(session).country = region
    session.get_one(WorkspaceRow, workspace_id(session)).phone_region = region
    session.flush()
    return region


def set_home_currency(session: Session, *, code: str) -> str:
    """Sets the currency amounts are in when none is named (a cost, a referral's value);
    returns the code. Amounts already recorded keep the currency they were recorded in.

    Raises: InvalidInput for a code that is not ISO 4217.
    """
    currency = parse_currency(code)
    session.get_one(WorkspaceRow, workspace_id(session)).currency = currency
    session.flush()
    return currency


def get_or_create_org(session: Session, *, name: str) -> Organisation:
    """Raises: InvalidInput for a blank name."""
    cleaned = bounded(name, limit=column_length(Organisation, "name"), what="organisation")
    if not cleaned:
        raise InvalidInput("An organisation needs a name.")
    wid = workspace_id(session)
    org = session.scalar(
        select(Organisation).where(Organisation.workspace_id == wid, Organisation.name == cleaned)
    )
    if org is None:
        org = Organisation(workspace_id=wid, name=cleaned)
        session.add(org)
        session.flush()
    return org


def current_job(person: Person) -> Employment | None:
    """The latest role without an end date, the one a person's summary shows."""
    return next((e for e in reversed(person.employments) if e.ended_on is None), None)


def set_employment(
    session: Session, *, person: Person, org: str | None, title: str | None
) -> Employment | None:
    """A new organisation ends the current job (kept as history); a title alone updates it.

    A title needs no organisation (freelancers and independents have one): it is then a
    role at none, which an organisation given later completes instead of ending it.
    """
    current = current_job(person)
    if org is not None and clean_name(org) == "":
        if current is not None:
            current.ended_on = today()
        return None
    if org is not None and current is not None and current.org is None:
        current.org = get_or_create_org(session, name=org)
    elif org is not None and (current is None or _org_name(current) != clean_name(org)):
        if current is not None:
            current.ended_on = today()
        current = Employment(workspace_id=workspace_id(session))
        current.org = get_or_create_org(session, name=org)
        person.employments.append(current)
    elif current is None and title and clean_name(title):
        current = Employment(workspace_id=workspace_id(session), org=None)
        person.employments.append(current)
    if title is not None and current is not None:
        current.title = bounded(title, limit=_TITLE, what="title") or None
    session.flush()
    return current


def _org_name(job: Employment) -> str | None:
    return job.org.name if job.org is not None else None


def tag_person(session: Session, *, person: Person, tags: Iterable[str]) -> None:
    """Raises: InvalidInput for a tag too long to keep."""
    have = {t.name for t in person.tags}
    limit = column_length(Tag, "name")
    names = {lowered(bounded(raw, limit=limit, what="tag")) for raw in tags} - have - {""}
    if not names:
        return
    wid = workspace_id(session)
    found = ensure_names(session, names, model=Tag)
    for name in sorted(names):
        session.add(PersonTag(workspace_id=wid, person_id=person.id, tag_id=found.ids[name]))
    session.flush()
    session.expire(person, ["tags"])


def untag_person(session: Session, *, person: Person, tags: Iterable[str]) -> None:
    names = {lowered(clean_name(t)) for t in tags}
    for tag in list(person.tags):
        if tag.name in names:
            session.delete(session.get_one(PersonTag, (person.id, tag.id)))
    session.flush()
    session.expire(person, ["tags"])


def add_note(session: Session, *, person: Person, body: str) -> Note:
    """Raises: InvalidInput for an empty note."""
    note = Note(workspace_id=workspace_id(session), person_id=person.id, body=_note_text(body))
    session.add(note)
    session.flush()
    return note


def edit_note(session: Session, *, note: Note, body: str) -> Note:
    """Replaces the text; the note keeps its date, so the timeline keeps its order.

    Raises: InvalidInput for an empty note (delete it instead).
    """
    note.body = _note_text(body, hint="To remove it, use `goodword note delete`.")
    session.flush()
    return note


def delete_note(session: Session, *, note: Note) -> None:
    session.delete(note)
    session.flush()


def _note_text(body: str, *, hint: str | None = None) -> str:
    text = clean_text(body)
    if not text:
        raise InvalidInput("A note cannot be empty.", hint=hint)
    return text


@dataclass(frozen=True)
class Named:
    """Ids by name after a bulk get-or-create, and how many had to be created."""

    ids: dict[str, int]
    created: int


def ensure_names(
    session: Session, names: Iterable[str], *, model: type[Organisation | Tag]
) -> Named:
    """Organisations or tags by (already cleaned) name, creating the missing ones in bulk."""
    wanted = sorted(set(names))
    if not wanted:
        return Named(ids={}, created=0)
    wid = workspace_id(session)
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start : start + 1000]
        ids.update(
            session.execute(
                select(model.name, model.id).where(model.workspace_id == wid, model.name.in_(chunk))
            ).all()
        )
    missing = [n for n in wanted if n not in ids]
    new_ids = insert_returning_ids(
        session, model, [{"workspace_id": wid, "name": n} for n in missing]
    )
    ids.update(zip(missing, new_ids, strict=True))
    return Named(ids=ids, created=len(missing))
