"""The REFs a tie list names (id, e-mail, `me` or name), resolved all at once.

A spreadsheet of ties names the same people again and again; resolving each cell with a
query of its own costs a lookup that grows with the database. Here ids are looked up in
chunks, and e-mails and names in one pass each over the workspace's addresses and names. A
name matches in any case and with or without accents (`fold`), as names are compared
everywhere. A REF that matches no name that way goes to `resolve_person`, so a contained or
misspelt name is found, or refused with suggestions, as on the command line.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.errors import GoodwordError
from goodword.people.errors import person_ambiguous, person_not_found
from goodword.people.models import Handle, HandleKind, Person
from goodword.people.queries import SHOWN, resolve_person
from goodword.people.service import get_owner
from goodword.storage.session import workspace_id
from goodword.text import clean_name, fold, id_in_ref

CHUNK = 1000  # ids bound in one IN (…)
PAGE = 10_000  # rows fetched at a time in a pass over the workspace


class References:
    """Person ids of REFs, found in bulk when made (`ids`); `person` answers any one REF."""

    def __init__(self, session: Session, refs: Collection[str]) -> None:
        """`refs`: each REF once, as typed."""
        self.session = session
        self.wid = workspace_id(session)
        self.ids: dict[str, int] = {}
        self.refused: dict[str, GoodwordError] = {}
        ids: dict[int, list[str]] = {}
        emails: dict[str, list[str]] = {}
        names: dict[str, list[str]] = {}
        for ref in refs:
            text = ref.strip()
            if text.lower() == "me":
                self.ids[ref] = get_owner(session).id
            elif (pid := id_in_ref(text)) is not None:
                ids.setdefault(pid, []).append(ref)
            elif "@" in text:
                emails.setdefault(text.lower(), []).append(ref)
            else:
                names.setdefault(fold(clean_name(text)), []).append(ref)
        self._find_ids(ids)
        self._find_emails(emails)
        self._find_names(names)

    def person(self, ref: str) -> int:
        """Raises: NotFound (with near matches) or Ambiguous (listing the candidates)."""
        if (pid := self.ids.get(ref)) is not None:
            return pid
        if ref not in self.refused:
            try:
                self.ids[ref] = pid = resolve_person(self.session, ref).id
                return pid
            except GoodwordError as exc:
                self.refused[ref] = exc
        raise self.refused[ref]

    def _found(self, refs: list[str], found: int | GoodwordError) -> None:
        for ref in refs:
            if isinstance(found, GoodwordError):
                self.refused[ref] = found
            else:
                self.ids[ref] = found

    def _find_ids(self, wanted: dict[int, list[str]]) -> None:
        known: set[int] = set()
        chosen = list(wanted)
        for start in range(0, len(chosen), CHUNK):
            known.update(
                self.session.scalars(
                    select(Person.id).where(
                        Person.workspace_id == self.wid,
                        Person.id.in_(chosen[start : start + CHUNK]),
                    )
                )
            )
        for pid, refs in wanted.items():
            self._found(refs, pid if pid in known else person_not_found(refs[0].strip(), []))

    def _find_emails(self, wanted: dict[str, list[str]]) -> None:
        """One pass over the workspace's addresses, as a file may name any number of them."""
        if not wanted:
            return
        query = select(Handle.value, Handle.person_id).where(
            Handle.workspace_id == self.wid, Handle.kind == HandleKind.EMAIL
        )
        for value, pid in self.session.execute(query.execution_options(yield_per=PAGE)):
            if (refs := wanted.pop(value, None)) is not None:
                self._found(refs, pid)
        for refs in wanted.values():
            self._found(refs, person_not_found(refs[0].strip(), []))

    def _find_names(self, wanted: dict[str, list[str]]) -> None:
        """Names that fold to no stored name are left for `person` to resolve one by one."""
        if not wanted:
            return
        namesakes: dict[str, list[tuple[int, str]]] = {}
        query = select(Person.id, Person.name).where(Person.workspace_id == self.wid)
        for pid, name in self.session.execute(query.execution_options(yield_per=PAGE)):
            if (key := fold(name)) in wanted:
                namesakes.setdefault(key, []).append((pid, name))
        for key, people in namesakes.items():
            for ref in wanted[key]:
                self._found([ref], _one_of(ref.strip(), sorted(people)))


def _one_of(text: str, people: list[tuple[int, str]]) -> int | GoodwordError:
    """The one person a name folds to; among several, the one whose name is exactly the text
    in any case (so adding "Zoe Ng" does not make "Zoë Ng" ambiguous), else Ambiguous."""
    if len(people) > 1:
        typed = clean_name(text).casefold()
        exact = [person for person in people if person[1].casefold() == typed]
        people = exact if len(exact) == 1 else people
    if len(people) == 1:
        return people[0][0]
    return person_ambiguous(text, people, shown=SHOWN)
