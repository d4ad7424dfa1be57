"""The offering in words an advocate can repeat: problems as a list, what a person with one
of them says out loud, and the ideal client profile as plain criteria. Pure.

Advocates rarely meet a "seed-stage founder with messy books"; they hear someone say "our
books are months behind". So each problem becomes a phrase to listen for, in the first
person, by a few rules that leave the owner's own words alone whenever they do not clearly
apply (see `trigger_phrase`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from goodword.nurture.clarity import split_sentences, words_of
from goodword.offering.fit import Criterion

SHORT_ITEM = 6  # words; comma-separated parts this short are a list, not one clause

_FIRST_PERSON = re.compile(r"^(?:i|i'm|i’m|we|we're|we’re|our|my|me|us)\b", re.IGNORECASE)
_LACKING = re.compile(r"^(?:no|not enough|too much|too many|too few|too little)\b", re.I)
_LACK_OF = re.compile(r"^lack(?:ing)? of\s+", re.IGNORECASE)
_CANNOT = re.compile(r"^(?:can't|can’t|cannot|don't|don’t|unable to|never)\b", re.IGNORECASE)
_DOING = re.compile(
    r"^(?:struggling|losing|wasting|spending|drowning|paying|chasing|juggling|battling|"
    r"fighting|trying|worrying|failing|running out)\b",
    re.IGNORECASE,
)
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|do|does|did|can|will|get|gets)\b", re.I)
# "<something> <state>": the state a thing is in, possibly with how long ("months behind").
_STATE = re.compile(
    r"^(?P<subject>[^\W\d][\w'’ -]*?)\s+(?P<state>"
    r"(?:(?:days|weeks|months|years|always|often|constantly|permanently)\s+)?"
    r"(?:behind|late|overdue|out of date|in a mess|a mess|stuck|broken|slow|missing|unpaid|"
    r"unclear|piling up|too high|too low|too slow|falling|rising|all over the place))"
    r"(?P<rest>\b.*)$",
    re.IGNORECASE,
)
_NOT_PLURAL = ("ss", "us", "is", "ics")
# How each ICP field reads after "someone who …": (is, contains, any-of).
_ICP_WORDS = {
    "industry": ("works in {}", "works in {} or a related industry", "works in {}"),
    "title": ("has the job title {}", "has a job title with {} in it", "has the job title {}"),
    "org": ("works at {}", "works at an organisation whose name has {} in it", "works at {}"),
    "city": ("is based in {}", "is based in {}", "is based in {}"),
    "country": ("is based in {}", "is based in {}", "is based in {}"),
    "tag": ("is known as {}", "is known as {}", "is known as {}"),
}
# Tags the matchmaker reads (`needs:bookkeeping`) read as what they say.
_TAG_PREFIXES = {"needs": "needs {}", "offers": "offers {}", "seeks": "is looking for {}"}
_OPERATORS = ("is", "contains", "any-of")


def problem_items(problems: str | None) -> list[str]:
    """The problems as separate items: by sentence, semicolon, line or bullet, and by comma
    when every comma-separated part is short enough to be a list item."""
    items = split_sentences(problems or "")
    if len(items) == 1 and "," in items[0]:
        parts = [p.strip() for p in items[0].split(",") if p.strip()]
        if len(parts) > 1 and all(len(words_of(p)) <= SHORT_ITEM for p in parts):
            last = re.split(r"\s+(?:and|or)\s+", parts[-1], maxsplit=1)
            if len(last) == 2 and all(words_of(p) for p in last):
                parts[-1:] = [p.strip() for p in last]
            return parts
    return items


def trigger_phrase(problem: str) -> str:
    """What someone with `problem` says: "Books months behind" → "our books are months behind".

    Already in the first person: kept. "No …", "too many …": "we have …". "Lack of …":
    "we lack …". "Can't …": "we can't …". "Struggling to …": "we're struggling to …". A thing
    in a state ("invoices unpaid", "cash flow unclear"): "our invoices are unpaid". Anything
    else, or anything with a verb of its own, is quoted as written, only lower-cased.
    """
    text = _lower_first(problem.strip().rstrip(".!;:"))
    if not text or _FIRST_PERSON.match(text):
        return text
    if _LACK_OF.match(text):
        return "we lack " + _LACK_OF.sub("", text)
    if _LACKING.match(text):
        return f"we have {text}"
    if _CANNOT.match(text):
        return f"we {text}"
    if _VERB.search(text):
        return text
    if _DOING.match(text):
        return f"we're {text}"
    if (state := _STATE.match(text)) is not None:
        subject = state["subject"].strip()
        if subject.split()[0].lower() in {"the", "a", "an", "their", "your", "his", "her"}:
            subject = subject.split(maxsplit=1)[1] if " " in subject else subject
        verb = "are" if _plural(subject) else "is"
        return f"our {subject} {verb} {state['state']}{state['rest']}"
    return text


def ideal_client(criteria: Sequence[Criterion]) -> list[str]:
    """Each criterion as what "someone who …" does, the weightiest first."""
    ranked = sorted(criteria, key=lambda c: -c.weight)
    return [criterion_words(c) for c in ranked]


def criterion_words(criterion: Criterion) -> str:
    """One criterion in words: `industry is Fintech` → "works in Fintech"."""
    values = _values(criterion)
    if criterion.field == "tag":
        prefix, _, rest = values[0].partition(":") if len(values) == 1 else ("", "", "")
        if rest and prefix.lower() in _TAG_PREFIXES:
            return _TAG_PREFIXES[prefix.lower()].format(rest.strip())
    if criterion.field == "country":
        values = [_country_name(v) for v in values]
    words = _ICP_WORDS.get(criterion.field, ("{}",) * 3)
    at = _OPERATORS.index(criterion.operator) if criterion.operator in _OPERATORS else 0
    return words[at].format(either(values))


def either(values: Sequence[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    return _joined(values, "or")


def both(values: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return _joined(values, "and")


def _joined(values: Sequence[str], word: str) -> str:
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + f" {word} " + values[-1]


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def _values(criterion: Criterion) -> list[str]:
    if criterion.operator == "any-of":
        found = [v.strip() for v in criterion.value.split(",") if v.strip()]
        return found or [criterion.value]
    return [criterion.value.strip()]


def _country_name(value: str) -> str:
    """ "GB" → "United Kingdom"; anything pycountry does not know stays as written."""
    if len(value) not in (2, 3) or not value.isalpha():
        return value
    import pycountry  # imported here: only a country criterion needs it

    try:
        return str(pycountry.countries.lookup(value).name)
    except LookupError:
        return value


def _lower_first(text: str) -> str:
    """Lower-cases the first letter unless the first word looks like a name or an acronym."""
    first = text.split(maxsplit=1)[0] if text else ""
    if len(first) > 1 and not first[1:].islower():
        return text
    return text[:1].lower() + text[1:]


def _plural(subject: str) -> bool:
    last = subject.split()[-1].lower()
    return last.endswith("s") and not last.endswith(_NOT_PLURAL)
