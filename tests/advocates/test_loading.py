"""Loading the network in bulk: times read as text count the same days as one at a time,
and another workspace in the same file changes nothing."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from goodword.advocates.columns import days
from goodword.advocates.signals import day_of, load_network
from goodword.interactions.models import InteractionKind
from goodword.interactions.service import log_interaction
from goodword.people.service import PersonFields, create_person, get_owner
from goodword.relationships.service import connect_people
from goodword.workspace import Workspace, open_workspace

NOW = datetime(2026, 11, 1, tzinfo=UTC)


@given(
    st.lists(
        st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
        max_size=20,
    )
)
def test_stored_times_count_the_same_days_as_one_at_a_time(moments: list[datetime]) -> None:
    stored = [m.strftime("%Y-%m-%d %H:%M:%S.%f") for m in moments]  # as SQLite keeps them

    found = days([*stored, None])

    expected = [day_of(m.replace(tzinfo=UTC)) for m in moments]
    assert found[:-1].tolist() == expected  # bit for bit, not approximately
    assert np.isnan(found[-1])


@given(st.lists(st.dates(min_value=date(1800, 1, 1), max_value=date(2300, 1, 1)), max_size=20))
def test_stored_dates_count_whole_days(dates: list[date]) -> None:
    assert days([d.isoformat() for d in dates]).tolist() == [day_of(d) for d in dates]


def fill(workspace: Workspace, names: list[str]) -> None:
    with workspace.transaction() as session:
        me = get_owner(session)
        people = [create_person(session, fields=PersonFields(name=n)) for n in names]
        for a, b in itertools.pairwise(people):
            connect_people(session, a=a, b=b, strength=0.6)
        at = NOW - timedelta(days=30)
        log_interaction(session, people=[me, people[0]], kind=InteractionKind.COFFEE, at=at)


def test_another_workspace_in_the_file_changes_nothing(tmp_path: Path) -> None:
    target = str(tmp_path / "two.db")
    mine = open_workspace(target)
    fill(mine, ["Ann Lee", "Bob Roy", "Cara Diaz"])
    with mine.read() as session:
        alone = load_network(session, now=NOW)

    fill(open_workspace(target, name="other"), ["Dan Poe", "Eve Ray", "Fay Orr", "Gus Lam"])
    with mine.read() as session:
        beside = load_network(session, now=NOW)

    assert alone.n == beside.n == 4
    assert np.array_equal(alone.person_ids, beside.person_ids)
    assert np.array_equal(alone.graph.indptr, beside.graph.indptr)
    assert np.array_equal(alone.graph.indices, beside.graph.indices)
    assert np.array_equal(alone.graph.weights, beside.graph.weights)
