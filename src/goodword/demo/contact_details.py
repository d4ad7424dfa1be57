"""E-mails, phone numbers and LinkedIn profiles for demo people: unique, and clearly fake.

Addresses live under `.example` (reserved for documentation), phone numbers in the 555
and UK drama ranges, so the demo can never reach a real person. Values are written in the
form the importers normalise to, so a demo handle matches one typed in by hand.
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache

from goodword.demo.vocabulary import CITIES, STREETS
from goodword.people.models import HandleKind

Row = dict[str, object]
PERSONAL_DOMAINS = ("mail.example", "inbox.example", "post.example")


class ContactDetails:
    def __init__(self, rng: random.Random, workspace: int, taken: set[str]) -> None:
        self.rng, self.workspace, self.taken = rng, workspace, taken
        self.phone_next = [0] * len(CITIES)

    def for_person(
        self,
        i: int,
        pid: int,
        names: tuple[str, str],
        domain: str | None,
        city: int,
        *,
        direct: bool,
    ) -> list[Row]:
        """Direct contacts are better documented than the people they know."""
        rng, rows = self.rng, []
        first, last = slug(names[0]), slug(names[1])
        if rng.random() < (0.9 if direct else 0.45):
            address = self._email(first, last, domain or rng.choice(PERSONAL_DOMAINS))
            rows.append(self._row(pid, HandleKind.EMAIL, address, "work" if domain else "home"))
        phone = self._phone(city) if rng.random() < (0.6 if direct else 0.12) else None
        if phone is not None:
            rows.append(self._row(pid, HandleKind.PHONE, phone, "mobile"))
        if rng.random() < (0.7 if direct else 0.3):
            # An odd multiplier (and an xor) permutes 32-bit numbers: every index its own slug.
            suffix = f"{((i * 2654435761) ^ 0x5BD1E995) & 0xFFFFFFFF:08x}"
            url = f"https://www.linkedin.com/in/{first}-{last}-{suffix}"
            rows.append(self._row(pid, HandleKind.LINKEDIN, url, None))
        return rows

    def work_address(self, pid: int, city: int) -> list[Row]:
        """Some direct contacts' business cards give an office address.

        Drawn from the person's own generator, not the network's, so a seeded demo's names
        and ties do not depend on who has an address.
        """
        rng = random.Random(f"address {self.workspace} {pid}")
        if rng.random() >= 0.4:
            return []
        street = f"{rng.randint(1, 2400)} {STREETS[rng.randrange(len(STREETS))]} Street"
        return [
            {
                "workspace_id": self.workspace,
                "person_id": pid,
                "label": "work",
                "street": street,
                "city": CITIES[city].name,
                "country": CITIES[city].country,
                "is_primary": True,
            }
        ]

    def _row(self, pid: int, kind: HandleKind, value: str, label: str | None) -> Row:
        return {
            "workspace_id": self.workspace,
            "person_id": pid,
            "kind": kind,
            "value": value,
            "label": label,
            "is_primary": True,
        }

    def _email(self, first: str, last: str, domain: str) -> str:
        candidates = (f"{first}.{last}@{domain}", f"{first[0]}{last}@{domain}")
        email = next((c for c in candidates if c not in self.taken), None)
        number = 2
        while email is None:
            candidate = f"{first}.{last}{number}@{domain}"
            email = candidate if candidate not in self.taken else None
            number += 1
        self.taken.add(email)
        return email

    def _phone(self, city: int) -> str | None:
        place, used = CITIES[city], self.phone_next[city]
        capacity = 10**place.phone_digits
        if place.phone_prefix is None or used >= capacity:
            return None  # the fictional range is used up: a realistic gap, not an error
        self.phone_next[city] = used + 1
        # 7919 shares no factor with a power of ten: a permutation that does not look sequential.
        number = (used * 7919 + 4321) % capacity
        phone = f"{place.phone_prefix}{number:0{place.phone_digits}d}"
        return phone if phone not in self.taken else None


@cache
def slug(text: str) -> str:
    """Lower-case ASCII for e-mail local parts and URLs: 'João O'Brien' → 'joao-obrien'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = ["".join(c for c in word.lower() if c.isalnum()) for word in ascii_text.split()]
    return "-".join(w for w in words if w)
