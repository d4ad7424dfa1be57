"""The advocate brief as a document: what to say, then the same blocks as Markdown, HTML or
plain text. Pure: the gatherer hands it everything, so every format says the same thing.

HTML escapes every piece of text it did not write itself (names, the offering), so an
offering holding `<script>` shows as text.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from goodword.nurture.brief_text import (
    both,
    criterion_words,
    first_name,
    ideal_client,
    problem_items,
    trigger_phrase,
)
from goodword.nurture.clarity import Clarity
from goodword.offering.fit import Criterion

WIDTH = 78  # plain text wraps here, to read well in any e-mail client
_FIRST_PERSON = re.compile(r"(?:I|I'm|I’m|We|We're|We’re|My|Our)\b")


class BriefFormat(StrEnum):
    MD = "md"
    HTML = "html"
    TXT = "txt"


@dataclass(frozen=True)
class KnownProspect:
    """Someone the advocate knows who fits the ICP; `via` is whom they know them through."""

    name: str
    role: str | None  # "CFO at Acme"
    matched: tuple[Criterion, ...]
    via: str | None = None


@dataclass(frozen=True)
class BriefContent:
    owner: str
    email: str | None
    one_liner: str
    problems: str | None
    for_whom: str | None
    results: str | None
    criteria: tuple[Criterion, ...]
    clarity: Clarity
    advocate: str | None = None  # the person it is written for, when there is one
    prospects: tuple[KnownProspect, ...] = ()


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    text: str


Block = Heading | Paragraph | Items | Quote


def render_brief(content: BriefContent, *, fmt: BriefFormat) -> str:
    """The whole document in one format, ending with a newline."""
    blocks = brief_blocks(content)
    title = f"How to refer {content.owner}"
    if fmt is BriefFormat.HTML:
        return to_html(title, blocks)
    if fmt is BriefFormat.TXT:
        return to_text(title, blocks)
    return to_markdown(title, blocks)


def brief_blocks(content: BriefContent) -> list[Block]:
    """What the brief says, in order; sections without anything to say are left out."""
    out: list[Block] = [*_greeting(content), Heading("What I do"), Paragraph(content.one_liner)]
    problems = problem_items(content.problems)
    if problems:
        out += [Heading("The problems I solve"), Items(tuple(_capital(p) for p in problems))]
    if content.for_whom:
        out += [Heading("Who I help"), Paragraph(content.for_whom)]
    if content.results:
        out += [Heading("Typical results"), Paragraph(content.results)]
    if content.criteria:
        out += [
            Heading("My ideal client"),
            Paragraph("Someone who:"),
            Items(tuple(ideal_client(content.criteria))),
        ]
    out += _spotting(problems, content)
    out += _prospects(content)
    out += [Heading("How to introduce me"), _introduction(content)]
    out += _clarity(content.clarity)
    return out


def _greeting(content: BriefContent) -> list[Block]:
    if content.advocate is None:
        return []
    return [
        Paragraph(f"Hi {first_name(content.advocate)},"),
        Paragraph(
            "Thank you for keeping me in mind. This page says what I do, who I help and how "
            "to spot them, so you can tell when someone you know needs me."
        ),
    ]


def _spotting(problems: Sequence[str], content: BriefContent) -> list[Block]:
    phrases = [p for p in (trigger_phrase(problem) for problem in problems) if p]
    if not phrases:
        return []
    out: list[Block] = [
        Heading("How to spot a good referral"),
        Paragraph("Listen for someone saying:"),
        Items(tuple(f"“{phrase}”" for phrase in phrases)),
    ]
    if content.for_whom or content.criteria:
        out.append(Paragraph("Most of all from someone like the people I help, above."))
    return out


def _prospects(content: BriefContent) -> list[Block]:
    if content.advocate is None or not content.prospects:
        return []
    lines = []
    for p in content.prospects:
        who = f"{p.name} ({p.role})" if p.role else p.name
        how = f"through {p.via}" if p.via else "you know them"
        why = both([criterion_words(c) for c in p.matched])
        lines.append(f"{who}: {why}; {how}")
    return [
        Heading("People you know who may need me"),
        Paragraph("From what I know of your network, these people fit who I help:"),
        Items(tuple(lines)),
    ]


def _introduction(content: BriefContent) -> Quote:
    """A paragraph the advocate can forward as it is."""
    name, first = content.owner, first_name(content.owner)
    parts = [f"I'd like to introduce you to {name}."]
    if _FIRST_PERSON.match(content.one_liner):  # "I help …" cannot follow "What Dana does:"
        parts.append(f"In {first}'s words: “{_sentence(content.one_liner)}”")
    else:
        parts.append(f"What {first} does: {_sentence(content.one_liner)}")
    if content.for_whom:
        parts.append(f"Who {first} helps: {_sentence(content.for_whom)}")
    if content.results:
        parts.append(f"Typical results: {_sentence(content.results)}")
    reach = f"; {first}'s e-mail is {content.email}" if content.email else ""
    parts.append(f"I think you two should talk{reach}.")
    return Quote(" ".join(parts))


def _clarity(clarity: Clarity) -> list[Block]:
    score = (
        f"Reading ease {clarity.score:g} ({clarity.rating}), grade {clarity.grade:g}."
        if clarity.score is not None and clarity.grade is not None
        else "No text to score."
    )
    out: list[Block] = [
        Heading("Clarity check (for you: remove before sending)"),
        Paragraph(f"If it is easily understood, they will refer you. {score}"),
    ]
    if clarity.warnings:
        out.append(Items(tuple(w.message for w in clarity.warnings)))
    else:
        out.append(Paragraph("No warnings: plain words and short sentences."))
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    """The text ending with a full stop (or its own end mark), on one line."""
    flat = " ".join(text.split())
    return flat if flat[-1:] in ".!?" else f"{flat}."


def to_markdown(title: str, blocks: Sequence[Block]) -> str:
    out = [f"# {title}"]
    for block in blocks:
        match block:
            case Heading(text):
                out.append(f"## {text}")
            case Paragraph(text):
                out.append(" ".join(text.split()))
            case Items(items):
                out.append("\n".join(f"- {' '.join(item.split())}" for item in items))
            case Quote(text):
                out.append(f"> {' '.join(text.split())}")
    return "\n\n".join(out) + "\n"


def to_text(title: str, blocks: Sequence[Block]) -> str:
    out = [f"{title}\n{'=' * len(title)}"]
    for block in blocks:
        match block:
            case Heading(text):
                out.append(f"\n{text}\n{'-' * len(text)}")
            case Paragraph(text):
                out.append(_fill(text))
            case Items(items):
                wrapped = [
                    _fill(item, initial_indent="- ", subsequent_indent="  ") for item in items
                ]
                out.append("\n".join(wrapped))
            case Quote(text):
                out.append(_fill(text, initial_indent="  ", subsequent_indent="  "))
    return "\n\n".join(out) + "\n"


def _fill(text: str, *, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """Wrapped at WIDTH, never inside a word: "venture-backed" stays whole."""
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
        initial_indent=initial_indent,
        subsequent_indent=subsequent_indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def to_html(title: str, blocks: Sequence[Block]) -> str:
    e = html.escape
    body = []
    for block in blocks:
        match block:
            case Heading(text):
                body.append(f"<h2>{e(text)}</h2>")
            case Paragraph(text):
                body.append(f"<p>{e(text)}</p>")
            case Items(items):
                body.append("<ul>" + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul>")
            case Quote(text):
                body.append(f"<blockquote><p>{e(text)}</p></blockquote>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{e(title)}</h1>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


_STYLE = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:40em;margin:2em auto;"
    "padding:0 1em;color:#222}blockquote{border-left:4px solid #ccc;margin:1em 0;"
    "padding:0.2em 1em;background:#f7f7f7}"
)
