"""The brief says the same things in Markdown, HTML and plain text, and HTML escapes."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodword.nurture.brief import BriefContent, BriefFormat, KnownProspect, render_brief
from goodword.nurture.clarity import check_clarity
from goodword.offering.fit import Criterion

OFFERING = {
    "one_liner": "Bookkeeping for small shops and cafés.",
    "problems": "Books months behind; surprise tax bills",
    "for_whom": "Owners of shops with up to 20 staff",
    "results": "Books up to date within a month.",
}
CRITERIA = (Criterion("industry", "is", "Retail"), Criterion("city", "is", "Leeds"))
CONTENT = BriefContent(
    owner="Dana Park",
    email="dana@park.example",
    one_liner=OFFERING["one_liner"],
    problems=OFFERING["problems"],
    for_whom=OFFERING["for_whom"],
    results=OFFERING["results"],
    criteria=CRITERIA,
    clarity=check_clarity(OFFERING),
)
FOR_ANN = dataclasses.replace(
    CONTENT,
    advocate="Ann Lee",
    prospects=(
        KnownProspect("Bob Shop", "Owner at Bob's Bikes", CRITERIA),
        KnownProspect("Cat Cafe", None, CRITERIA[:1], via="Bob Shop"),
    ),
)
SAID = [
    "How to refer Dana Park",
    "Bookkeeping for small shops and cafés.",
    "Books months behind",
    "Surprise tax bills",
    "Owners of shops with up to 20 staff",
    "Books up to date within a month.",
    "works in Retail",
    "is based in Leeds",
    "“our books are months behind”",
    "“surprise tax bills”",
    "I'd like to introduce you to Dana Park.",
    "What Dana does: Bookkeeping for small shops and cafés.",
    "Dana's e-mail is dana@park.example",
    "Reading ease",
    "No warnings",
]


def plain(text: str, fmt: BriefFormat) -> str:
    """The words a reader sees: tags dropped and entities read in HTML, lines joined."""
    if fmt is BriefFormat.HTML:
        text = html.unescape(re.sub(r"<[^>]+>", " ", text.split("<body>")[1]))
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", list(BriefFormat))
def test_every_format_says_what_an_advocate_needs_in_order(fmt: BriefFormat) -> None:
    text = plain(render_brief(CONTENT, fmt=fmt), fmt)

    positions = [text.find(phrase) for phrase in SAID]

    assert -1 not in positions, [p for p, at in zip(SAID, positions, strict=True) if at < 0]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", list(BriefFormat))
def test_a_brief_for_someone_greets_them_and_lists_whom_they_know(fmt: BriefFormat) -> None:
    text = plain(render_brief(FOR_ANN, fmt=fmt), fmt)

    assert "Hi Ann," in text
    assert (
        "Bob Shop (Owner at Bob's Bikes): works in Retail and is based in Leeds; you know them"
        in text
    )
    assert "Cat Cafe: works in Retail; through Bob Shop" in text


@pytest.mark.parametrize("fmt", list(BriefFormat))
def test_a_general_brief_greets_nobody_and_lists_no_one(fmt: BriefFormat) -> None:
    text = render_brief(CONTENT, fmt=fmt)

    assert "Hi " not in text
    assert "People you know" not in text


def test_markdown_and_text_are_headed_sections() -> None:
    md = render_brief(CONTENT, fmt=BriefFormat.MD)
    txt = render_brief(CONTENT, fmt=BriefFormat.TXT)

    assert md.startswith("# How to refer Dana Park\n")
    assert "\n## How to spot a good referral\n" in md
    assert "\n> I'd like to introduce you to Dana Park." in md
    assert txt.startswith("How to refer Dana Park\n======================\n")
    assert all(len(line) <= 78 for line in txt.splitlines())


def test_html_is_a_whole_document_that_escapes_the_offering() -> None:
    hostile = dataclasses.replace(
        CONTENT,
        owner="Dana <b>Park</b>",
        one_liner='<script>alert("x")</script> & more',
        problems="<img src=x onerror=alert(1)>",
    )

    page = render_brief(hostile, fmt=BriefFormat.HTML)

    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page
    assert "<img" not in page
    assert "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in page
    assert "<title>How to refer Dana &lt;b&gt;Park&lt;/b&gt;</title>" in page


def test_clarity_warnings_are_listed_in_the_brief() -> None:
    wordy = {**OFFERING, "one_liner": "We leverage synergies."}
    content = dataclasses.replace(
        CONTENT, one_liner=wordy["one_liner"], clarity=check_clarity(wordy)
    )

    text = render_brief(content, fmt=BriefFormat.MD)

    assert 'Jargon in the one-liner: "leverage"' in text
    assert 'Jargon in the one-liner: "synergies"' in text
    assert "No warnings" not in text


def test_sections_without_anything_to_say_are_left_out() -> None:
    bare = dataclasses.replace(
        CONTENT, problems=None, for_whom=None, results=None, criteria=(), email=None
    )

    text = render_brief(bare, fmt=BriefFormat.MD)

    for heading in ("The problems I solve", "Who I help", "Typical results", "My ideal client"):
        assert heading not in text
    assert "How to spot a good referral" not in text
    assert "I think you two should talk." in text


@given(
    one_liner=st.text(min_size=1).filter(str.strip),
    problems=st.text(),
    owner=st.text(min_size=1).filter(str.strip),
)
def test_any_offering_renders_in_every_format_and_html_never_carries_its_markup(
    one_liner: str, problems: str, owner: str
) -> None:
    offering = {**OFFERING, "one_liner": one_liner, "problems": problems}
    content = dataclasses.replace(
        CONTENT,
        owner=owner,
        one_liner=one_liner,
        problems=problems,
        clarity=check_clarity(offering),
    )

    page = render_brief(content, fmt=BriefFormat.HTML)

    tags = re.findall(r"</?([a-zA-Z0-9!]+)", page)
    assert set(tags) <= {"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "main",
                         "h1", "h2", "p", "ul", "li", "blockquote"}  # fmt: skip
    assert html.escape(" ".join(one_liner.split())) in page
    for fmt in (BriefFormat.MD, BriefFormat.TXT):
        assert render_brief(content, fmt=fmt).endswith("\n")


def test_a_first_person_one_liner_is_quoted_in_the_introduction() -> None:
    content = dataclasses.replace(CONTENT, one_liner="I help shops keep clean books")

    text = render_brief(content, fmt=BriefFormat.MD)

    assert "In Dana's words: “I help shops keep clean books.”" in text
    assert "What Dana does" not in text


def test_plain_text_never_breaks_a_hyphenated_word_across_lines() -> None:
    content = dataclasses.replace(CONTENT, results="Clean " + "well-kept " * 30 + "books.")

    text = render_brief(content, fmt=BriefFormat.TXT)

    assert not any(line.rstrip().endswith("well-") for line in text.splitlines())
    assert text.count("well-kept") == 30 * 2  # in the results and in the introduction
