"""People known only by their e-mail address, as calendars and mailboxes name them.

Shared by the mail and calendar importers, which both identify people by address and infer
a weak `knows` tie between people who appear on the same message or meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from goodword.io.records import Batch, Handle, PersonRecord, TieRecord
from goodword.relationships.inference import met_together
from goodword.text import name_from_address

_SPACE = re.compile(r"\s")


def display_name(raw: str) -> str | None:
    """The name shown beside an address (`"Ann Lee" <ann@…>`, `CN=Ann Lee`), unquoted; None
    when blank or itself an address."""
    name = raw.strip().strip("'\"").strip()
    return name if name and "@" not in name else None


def plain_address(raw: str) -> str | None:
    """The lower-cased address, or None when the text cannot be an e-mail address."""
    address = raw.strip().strip("<>").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or _SPACE.search(address):
        return None
    return address


class Acquaintances:
    """The people one file mentions, by e-mail, and the pairs it shows together.

    Shared by the mail and calendar importers, which both identify people by address and infer
    a weak `knows` tie between people who appear on the same message or meeting.
    """

    def __init__(self) -> None:
        self._people: dict[str, PersonRecord] = {}
        self._named: set[str] = set()  # people whose name came from the file, not the address
        self._ties: dict[tuple[str, str], TieRecord] = {}

    def gather(self, people: dict[str, str | None], line: int, *, tie_limit: int) -> list[str]:
        """Meet everyone on one message or meeting, tie them if the group is small; their keys.

        The rule is `met_together`'s, as for interactions logged by hand, without its host:
        a file does not say that its owner met everyone on a big meeting or mailing.
        """
        for address, name in people.items():
            self.meet(address, name, line)
        self.together(people, line, limit=tie_limit)
        return list(people)

    def meet(self, address: str, name: str | None, line: int) -> None:
        """Record a person; a real name seen later replaces one derived from the address."""
        person = self._people.get(address)
        if person is None:
            derived = name or name_from_address(address)
            handles = [Handle("email", address)]
            self._people[address] = PersonRecord(address, derived, line, handles)
        elif line < person.line:
            person.line = line
        if name and address not in self._named:
            self._named.add(address)
            self._people[address].name = name

    def together(self, keys: Iterable[str], line: int, *, limit: int) -> None:
        """Infer a tie for every pair of a group of at most `limit`, once: meeting again adds
        no new evidence here."""
        for a, b in met_together(keys, limit=limit):
            if (a, b) not in self._ties:
                self._ties[(a, b)] = TieRecord(a, b, line, source="inferred")

    def fill(self, batch: Batch) -> None:
        batch.people.extend(self._people.values())
        batch.ties.extend(self._ties.values())
