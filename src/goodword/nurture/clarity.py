"""How easily an advocate understands the offering: if it is easily understood, they refer you.

Pure. The readability score is Flesch Reading Ease (mostly 0–100, higher is easier; plain English
is 60–70) with the Flesch–Kincaid grade beside it, over every sentence of the offering.
Syllables come from pyphen's hyphenation dictionary (a hyphenation point plus one per word,
as textstat counts words it has no pronunciation for). A field without a full stop is one
sentence; semicolons, line breaks and bullets end sentences too, because offerings are
mostly lists.

Besides the score, three things are flagged because they are what stops a busy person from
repeating the offering to someone else: sentences longer than LONG_SENTENCE words, the
jargon in JARGON (each with a plainer way to say it), and acronyms that are never spelled
out (EVERYDAY_ACRONYMS are left alone).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyphen

LONG_SENTENCE = 25  # words; past this a listener loses the start before the end
HARD_TO_READ = 40.0  # Flesch Reading Ease below this reads as "difficult" or worse
JUDGED_FROM = 10  # words; a shorter text gives a score too noisy to warn about

# The fields of an offering, in the order a brief shows them, with the words for each.
FIELDS = {
    "one_liner": "the one-liner",
    "problems": "the problems",
    "for_whom": "who it is for",
    "results": "the results",
}
_SETTING = {
    "one_liner": "--one-liner",
    "problems": "--problems",
    "for_whom": "--for-whom",
    "results": "--results",
}

# (what to call it, the pattern it is written as, a plainer way to say it)
JARGON: tuple[tuple[str, str, str], ...] = (
    ("synergy", r"synerg(?:y|ies|istic)", "say how you work together"),
    ("leverage", r"leverag(?:e|es|ed|ing)", 'say "use"'),
    ("end-to-end", r"end[\s-]to[\s-]end", 'say "from start to finish"'),
    ("best-in-class", r"best[\s-]in[\s-]class", "say what makes you better"),
    ("best of breed", r"best[\s-]of[\s-]breed", "say what makes you better"),
    ("world-class", r"world[\s-]class", "say what makes you better"),
    ("cutting-edge", r"cutting[\s-]edge", 'say "new" or what is new'),
    ("state-of-the-art", r"state[\s-]of[\s-]the[\s-]art", 'say "modern" or what is new'),
    ("next-generation", r"next[\s-]gen(?:eration)?", 'say "new" or what is new'),
    ("game-changer", r"game[\s-]chang(?:er|ers|ing)", "say what changes"),
    ("paradigm", r"paradigms?", "say what changes"),
    ("disruptive", r"disruptive", "say what changes"),
    ("innovative", r"innovative", "say what is new"),
    ("holistic", r"holistic(?:ally)?", 'say "whole" or "all of"'),
    ("seamless", r"seamless(?:ly)?", 'say "smooth"'),
    ("robust", r"robust", 'say "strong" or "reliable"'),
    ("scalable", r"scalab(?:le|ility)", 'say "able to grow"'),
    ("turnkey", r"turn[\s-]?key", 'say "ready to use"'),
    ("value-add", r"value[\s-]add(?:ed)?", "say what they gain"),
    ("mission-critical", r"mission[\s-]critical", 'say "essential"'),
    ("thought leadership", r"thought[\s-]leader(?:s|ship)?", 'say "expertise"'),
    ("empower", r"empower(?:s|ed|ing|ment)?", 'say "help" or "let"'),
    ("utilise", r"utili[sz](?:e|es|ed|ing|ation)", 'say "use"'),
    ("facilitate", r"facilitat(?:e|es|ed|ing|ion)", 'say "help" or "run"'),
    ("optimise", r"optimi[sz](?:e|es|ed|ing|ation)", 'say "improve"'),
    ("actionable", r"actionable", 'say "practical"'),
    ("stakeholders", r"stakeholders?", "name the people involved"),
    ("ecosystem", r"ecosystems?", "name the people and firms involved"),
    ("bandwidth", r"bandwidth", 'say "time"'),
    ("deep dive", r"deep[\s-]dives?", 'say "close look"'),
    ("move the needle", r"mov(?:e|es|ing)\s+the\s+needle", 'say "make a difference"'),
    ("low-hanging fruit", r"low[\s-]hanging\s+fruit", 'say "quick wins"'),
)
_JARGON = [
    (name, re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.IGNORECASE), plain)
    for name, pattern, plain in JARGON
]
# Known to nearly every reader in business, so not worth spelling out.
EVERYDAY_ACRONYMS = frozenset(
    {
        "UK", "US", "USA", "EU", "UN", "OK", "TV", "PC", "AM", "PM",
        "CEO", "CFO", "CTO", "COO", "HR", "IT", "PR", "VAT", "R&D",
    }
)  # fmt: skip
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]*[A-Z](?:s)?(?![\w-])")
_SENTENCE_END = re.compile(r"(?:[.!?;:]+(?=\s|$)|\n|\r|•|·)+")
_BULLET = re.compile(r"^\s*[-*]\s+", re.MULTILINE)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class WarningKind(StrEnum):
    MISSING = "missing"
    HARD_TO_READ = "hard_to_read"
    LONG_SENTENCE = "long_sentence"
    JARGON = "jargon"
    ACRONYM = "acronym"


@dataclass(frozen=True)
class ClarityWarning:
    """`field` is one of FIELDS (None for the offering as a whole); `text` what was flagged."""

    kind: WarningKind
    field: str | None
    text: str
    message: str


@dataclass(frozen=True)
class Clarity:
    """`score` is Flesch Reading Ease and `grade` the Flesch–Kincaid grade; both None when
    the offering has no words."""

    score: float | None
    grade: float | None
    rating: str
    words: int
    warnings: tuple[ClarityWarning, ...]


def check_clarity(offering: Mapping[str, str | None]) -> Clarity:
    """Scores and flags the offering's fields (keys of FIELDS; missing keys count as empty)."""
    texts = {key: (offering.get(key) or "").strip() for key in FIELDS}
    warnings = [_missing(key) for key, text in texts.items() if not text]
    sentences = [(key, s) for key, text in texts.items() for s in split_sentences(text)]
    words = [w for _, s in sentences for w in words_of(s)]
    score = grade = None
    if words:
        per_sentence = len(words) / len(sentences)
        per_word = sum(syllables(w) for w in words) / len(words)
        score = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
        grade = round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)
    if score is not None and score < HARD_TO_READ and len(words) >= JUDGED_FROM:
        warnings.append(
            ClarityWarning(
                kind=WarningKind.HARD_TO_READ,
                field=None,
                text=f"{score:g}",
                message=f"Reading ease {score:g} ({rating(score)}; aim for 60 or more): "
                "use shorter sentences and everyday words.",
            )
        )
    warnings += [w for key, s in sentences if (w := _long(key, s)) is not None]
    warnings += [w for key, text in texts.items() for w in _jargon(key, text)]
    warnings += _acronyms(texts)
    return Clarity(
        score=score, grade=grade, rating=rating(score), words=len(words), warnings=tuple(warnings)
    )


def rating(score: float | None) -> str:
    """Flesch's own bands, in words."""
    if score is None:
        return "no text"
    for floor, words in (
        (90, "very easy"),
        (80, "easy"),
        (70, "fairly easy"),
        (60, "plain English"),
        (50, "fairly difficult"),
        (30, "difficult"),
    ):
        if score >= floor:
            return words
    return "very difficult"


def split_sentences(text: str) -> list[str]:
    """Sentences, list items and clauses ended by a semicolon, each stripped; none empty."""
    unbulleted = _BULLET.sub("\n", text)
    return [s.strip() for s in _SENTENCE_END.split(unbulleted) if words_of(s)]


def words_of(text: str) -> list[str]:
    """Words as a reader counts them: "end-to-end" and "don't" are one word each."""
    return _WORD.findall(text)


def syllables(word: str) -> int:
    """At least one per word part; an acronym is read letter by letter ("ERP": three), a
    number as one word."""
    parts = [p for p in re.split(r"['’-]", word) if p]
    return sum(_syllables_of(p) for p in parts) or 1


def _syllables_of(part: str) -> int:
    if part.isalpha() and part.isupper() and len(part) <= 5:
        return len(part)
    return len(_dictionary().positions(part.lower())) + 1


@cache
def _dictionary() -> pyphen.Pyphen:
    import pyphen  # imported here: its dictionary is read only when a brief is checked

    # The US patterns break words more finely than the British ones, so they count closer.
    return pyphen.Pyphen(lang="en_US")


def _missing(key: str) -> ClarityWarning:
    return ClarityWarning(
        kind=WarningKind.MISSING,
        field=key,
        text="",
        message=f"No text for {FIELDS[key]}: advocates need it to refer you "
        f"(goodword me set {_SETTING[key]} …).",
    )


def _long(key: str, sentence: str) -> ClarityWarning | None:
    count = len(words_of(sentence))
    if count <= LONG_SENTENCE:
        return None
    return ClarityWarning(
        kind=WarningKind.LONG_SENTENCE,
        field=key,
        text=sentence,
        message=f"Long sentence in {FIELDS[key]} ({count} words; aim for {LONG_SENTENCE} "
        f'or fewer): "{_start_of(sentence)}"',
    )


def _jargon(key: str, text: str) -> list[ClarityWarning]:
    found = []
    for _, pattern, plain in _JARGON:
        if (hit := pattern.search(text)) is not None:
            found.append(
                ClarityWarning(
                    kind=WarningKind.JARGON,
                    field=key,
                    text=hit.group(0),
                    message=f'Jargon in {FIELDS[key]}: "{hit.group(0)}"; {plain}.',
                )
            )
    return found


def _acronyms(texts: Mapping[str, str]) -> list[ClarityWarning]:
    """Each acronym once, where it first appears, unless some field spells it out: written
    beside its meaning in brackets, "enterprise resource planning (ERP)" or "ERP (…)"."""
    everything = "\n".join(texts.values())
    seen: set[str] = set()
    found = []
    for key, text in texts.items():
        for hit in _ACRONYM.finditer(text):
            word = hit.group(0)
            bare = word.removesuffix("s") if word[-1] == "s" else word
            if bare in seen or bare in EVERYDAY_ACRONYMS or _spelled_out(bare, everything):
                continue
            seen.add(bare)
            found.append(
                ClarityWarning(
                    kind=WarningKind.ACRONYM,
                    field=key,
                    text=bare,
                    message=f'Acronym in {FIELDS[key]} not spelled out: "{bare}"; '
                    f'write what it stands for, as in "… ({bare})".',
                )
            )
    return found


def _spelled_out(acronym: str, text: str) -> bool:
    escaped = re.escape(acronym)
    after = rf"\(\s*{escaped}s?\s*\)"  # "enterprise resource planning (ERP)"
    before = rf"\b{escaped}s?\s*\([^)]*[a-z][^)]*\)"  # "ERP (enterprise resource planning)"
    return re.search(f"{after}|{before}", text) is not None


def _start_of(sentence: str, words: int = 8) -> str:
    shown = sentence.split()
    return " ".join(shown[:words]) + ("…" if len(shown) > words else "")
