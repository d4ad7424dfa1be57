"""The clarity check: the score, and what it flags so an advocate can repeat the offering."""

from __future__ import annotations

import pytest

from goodword.nurture.clarity import (
    JARGON,
    LONG_SENTENCE,
    WarningKind,
    check_clarity,
    rating,
    split_sentences,
    syllables,
    words_of,
)

PLAIN = {
    "one_liner": "Bookkeeping for small shops and cafés.",
    "problems": "Books months behind; surprise tax bills; no idea where the cash goes",
    "for_whom": "Owners of shops and cafés with up to 20 staff",
    "results": "Books up to date within a month. You always know your cash.",
}


def kinds(offering: dict[str, str | None]) -> list[WarningKind]:
    return [w.kind for w in check_clarity(offering).warnings]


def test_a_plain_offering_gets_no_warnings_and_reads_easily() -> None:
    clarity = check_clarity(PLAIN)

    assert clarity.warnings == ()
    assert clarity.score is not None
    assert clarity.score >= 60
    assert clarity.grade is not None
    assert clarity.grade < 8
    assert clarity.rating in {"plain English", "fairly easy", "easy", "very easy"}


def test_a_sentence_over_the_limit_is_flagged_with_its_field_and_length() -> None:
    long = " ".join(["We help"] + ["owners"] * (LONG_SENTENCE - 1)) + "."
    offering = {**PLAIN, "results": long}

    (warning,) = check_clarity(offering).warnings

    assert (warning.kind, warning.field) == (WarningKind.LONG_SENTENCE, "results")
    assert f"({LONG_SENTENCE + 1} words" in warning.message
    assert warning.message.endswith('"We help owners owners owners owners owners owners…"')


def test_a_sentence_at_the_limit_is_not_flagged() -> None:
    exactly = " ".join(["word"] * LONG_SENTENCE)

    assert WarningKind.LONG_SENTENCE not in kinds({**PLAIN, "results": exactly})


def test_semicolons_and_lines_end_sentences_so_a_list_of_problems_is_not_one_long_sentence() -> (
    None
):
    problems = "; ".join(["books months behind and no time to catch up"] * 5)

    assert WarningKind.LONG_SENTENCE not in kinds({**PLAIN, "problems": problems})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We leverage our network.", "leverage"),
        ("Real synergies for your team.", "synergies"),
        ("End-to-end bookkeeping.", "End-to-end"),
        ("End to end bookkeeping.", "End to end"),
        ("A best-in-class service.", "best-in-class"),
        ("Holistic advice.", "Holistic"),
    ],
)
def test_jargon_is_flagged_as_written_with_a_plainer_way_to_say_it(text: str, found: str) -> None:
    (warning,) = check_clarity({**PLAIN, "one_liner": text}).warnings

    assert (warning.kind, warning.field, warning.text) == (WarningKind.JARGON, "one_liner", found)
    assert "say" in warning.message


def test_words_that_merely_contain_jargon_are_not_flagged() -> None:
    offering = {**PLAIN, "one_liner": "Robustness checks for paradigmatic ecosystemic cases."}

    flagged = [w.text for w in check_clarity(offering).warnings if w.kind == WarningKind.JARGON]

    assert flagged == []


def test_every_jargon_entry_flags_its_own_name() -> None:
    for name, _, _ in JARGON:
        offering = {**PLAIN, "one_liner": f"We offer {name} help."}
        assert WarningKind.JARGON in kinds(offering), name


def test_an_acronym_never_spelled_out_is_flagged_once() -> None:
    offering = {**PLAIN, "one_liner": "ERP set-up for shops.", "results": "Your ERP works."}

    (warning,) = check_clarity(offering).warnings

    assert (warning.kind, warning.field, warning.text) == (WarningKind.ACRONYM, "one_liner", "ERP")


@pytest.mark.parametrize(
    "one_liner",
    [
        "Enterprise resource planning (ERP) set-up for shops.",
        "ERP (enterprise resource planning) set-up for shops.",
        "Accounts for UK shops and their CEO.",
    ],
)
def test_an_acronym_spelled_out_or_known_to_everyone_is_not_flagged(one_liner: str) -> None:
    assert WarningKind.ACRONYM not in kinds({**PLAIN, "one_liner": one_liner})


def test_a_plural_acronym_spelled_out_in_another_field_is_not_flagged() -> None:
    offering = {**PLAIN, "one_liner": "Payroll for SMEs.", "for_whom": "Small firms (SMEs)"}

    assert WarningKind.ACRONYM not in kinds(offering)


def test_dense_text_is_flagged_as_hard_to_read_and_scores_below_plain_text() -> None:
    dense = (
        "Comprehensive organisational transformation methodologies facilitating "
        "operational optimisation and regulatory compliance considerations."
    )

    clarity = check_clarity({**PLAIN, "results": dense})

    assert WarningKind.HARD_TO_READ in [w.kind for w in clarity.warnings]
    assert clarity.score is not None
    plain_score = check_clarity(PLAIN).score
    assert plain_score is not None
    assert clarity.score < plain_score


def test_each_missing_field_is_a_warning_naming_the_option_that_sets_it() -> None:
    clarity = check_clarity({"one_liner": "Bookkeeping for small shops."})

    missing = [(w.field, w.message) for w in clarity.warnings if w.kind == WarningKind.MISSING]

    assert [field for field, _ in missing] == ["problems", "for_whom", "results"]
    assert "--for-whom" in missing[1][1]


def test_no_text_has_no_score() -> None:
    clarity = check_clarity({})

    assert (clarity.score, clarity.grade, clarity.rating, clarity.words) == (
        None,
        None,
        "no text",
        0,
    )


@pytest.mark.parametrize(
    ("score", "words"),
    [(95, "very easy"), (65, "plain English"), (55, "fairly difficult"), (10, "very difficult")],
)
def test_ratings_follow_fleschs_bands(score: float, words: str) -> None:
    assert rating(score) == words


def test_words_keep_hyphens_and_apostrophes_and_sentences_split_on_bullets() -> None:
    assert words_of("End-to-end help, don't worry") == ["End-to-end", "help", "don't", "worry"]
    assert split_sentences("- one thing\n- another thing\n\nThird. Fourth") == [
        "one thing",
        "another thing",
        "Third",
        "Fourth",
    ]


def test_syllables_count_at_least_one_per_word_part() -> None:
    assert syllables("cash") == 1
    assert syllables("accounting") >= 3
    assert syllables("end-to-end") == 3
    assert syllables("20") == 1
