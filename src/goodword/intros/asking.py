"""The message asking a contact for an introduction: drafted from a path, ready to edit."""

from __future__ import annotations

from goodword.intros.schemas import PathView
from goodword.people.schemas import PersonSummary


class PathAsk(PathView):
    """A path with the message to send `ask`."""

    draft: str


def first_name(person: PersonSummary) -> str:
    if person.nickname:
        return person.nickname
    words = person.name.split()
    return words[0] if words else person.name


def with_drafts(paths: list[PathView], *, me: PersonSummary) -> list[PathAsk]:
    return [PathAsk(**dict(path), draft=draft_ask(path, me=me)) for path in paths]


def draft_ask(path: PathView, *, me: PersonSummary) -> str:
    """A short, specific ask: whom you want to meet, why it is them you ask, and an easy way
    out — people introduce more readily when saying no costs nothing."""
    target = path.target
    at = f", {target.title or 'who works'} at {target.org}" if target.org else ""
    if path.hops == 1:
        return (
            f"Hi {first_name(target)},\n\n"
            "It has been a while. Would you have time for a coffee in the next few weeks? "
            "I'd love to hear what you are working on.\n\n"
            f"Best,\n{first_name(me)}"
        )
    through = ""
    if path.via:
        names = " and ".join(p.name for p in path.via)
        through = f" I believe you know them through {names}."
    return (
        f"Hi {first_name(path.ask)},\n\n"
        f"I'd love to meet {target.name}{at}.{through} "
        "Would you be comfortable introducing us? I can send you a two-line blurb to forward, "
        "and no worries at all if it isn't a good time.\n\n"
        f"Thanks,\n{first_name(me)}"
    )
