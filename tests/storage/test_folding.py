"""Folding in SQL gives what `text.fold` gives, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from goodword.storage.folding import folded
from goodword.text import fold

NAMES = [
    "Siobhán O'Connor",
    "ZOË BRONTË",
    "Łukasz Żółć",
    "Strauß",
    "Ĳsselmeer",
    "Ørsted Ærø",
    "Δημήτρης",
    "Ἀθηνᾶ Ἡλιόπουλος",
    "ᾨδή ῥήτωρ ᾅδης",
    "ΣΩΚΡΆΤΗΣ ᾼ ῼ",
    "Ἀθηνᾶ dzǅ ¾ ß ẞ",
    "Ёлка",
    "Nguyễn Thị Minh Khai",
    "Siobha\u0301n",
    "plain ascii",
]


@pytest.mark.parametrize("name", NAMES)
def test_sql_folding_agrees_with_python(session: Session, name: str) -> None:
    assert session.scalar(select(folded(literal(name)))) == fold(name)


def test_folding_null_is_null(session: Session) -> None:
    assert session.scalar(select(folded(literal(None)))) is None


def test_polytonic_greek_folds_to_plain_lowercase_letters(session: Session) -> None:
    folded_name = session.scalar(select(folded(literal("Ἀθηνᾶ ᾨδή"))))

    assert folded_name == fold("Ἀθηνᾶ ᾨδή") == "αθηνα ωιδη"
