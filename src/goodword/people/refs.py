"""A REF that may name someone new: people met at an event or a referred prospect."""

from __future__ import annotations

from sqlalchemy.orm import Session

from goodword.errors import NotFound
from goodword.people.models import Person
from goodword.people.queries import resolve_person
from goodword.people.service import PersonFields, create_person
from goodword.text import id_in_ref, name_from_address


def find_or_create_person(session: Session, ref: str) -> tuple[Person, bool]:
    """(person, created). An id that matches nobody is still an error, not a new person.

    Raises: Ambiguous when the REF matches several people; NotFound for an unknown id.
    """
    try:
        return resolve_person(session, ref), False
    except NotFound:
        if id_in_ref(ref) is not None:
            raise
    if "@" in ref:
        fields = PersonFields(name=name_from_address(ref.strip()), emails=[ref])
    else:
        fields = PersonFields(name=ref)
    return create_person(session, fields=fields), True
