"""Who the network map draws: the owner first, contacts, then who they know, within the caps,
everyone once and each hanging by a real tie. Pure, no database."""

from __future__ import annotations

import numpy as np

from advocates.test_scoring import network
from goodword.advocates.netmap import (
    CONTACT,
    FRIEND,
    IDEAL_CLIENT,
    MAX_CONTACTS,
    MAX_EDGES,
    MAX_NODES,
    TOP_ADVOCATE,
    YOU,
    Picked,
    pick,
)
from goodword.advocates.network import Network
from goodword.advocates.scoring import score_contacts


def large() -> Network:
    """3,000 contacts, each knowing a few of 20,000 others (a tenth of them ideal clients),
    and many ties among the contacts: every cap has something to cut."""
    rng = np.random.default_rng(7)
    contacts, others = 3000, 20000
    n = 1 + contacts + others
    closeness = rng.uniform(0.05, 1, contacts)
    ties = [(0, c + 1, float(closeness[c])) for c in range(contacts)]
    known = rng.integers(contacts + 1, n, size=(contacts, 5))
    for c in range(contacts):
        ties += [(c + 1, int(v), float(rng.uniform(0.05, 1))) for v in known[c]]
    among = rng.integers(1, contacts + 1, size=(20000, 2))
    ties += [(int(a), int(b), float(rng.uniform(0.05, 1))) for a, b in among]
    return network(ties, icp=set(range(contacts + 1, n, 10)), n=n)


def picked_from(net: Network) -> Picked:
    return pick(net, score_contacts(net))


def test_a_large_network_is_cut_to_the_caps_with_everyone_once_and_the_owner_first() -> None:
    net = large()
    found = picked_from(net)

    assert len(found.nodes) == MAX_NODES
    assert len(np.unique(found.nodes)) == len(found.nodes)
    assert found.nodes[0] == net.owner
    assert found.ring[0] == YOU
    assert np.isin(found.ring, (TOP_ADVOCATE, CONTACT)).sum() == MAX_CONTACTS
    assert (found.ring == FRIEND).sum() > 0
    assert (found.ring == IDEAL_CLIENT).sum() > 0
    # Contacts first, then ideal clients, then other friends of contacts.
    assert np.all(np.diff(found.ring[1:].astype(int).clip(CONTACT)) >= 0)
    assert len(found.edges) == MAX_EDGES
    assert len({(int(a), int(b)) for a, b in found.edges}) == MAX_EDGES
    assert np.all(found.edges[:, 0] < found.edges[:, 1])


def test_everyone_beyond_the_contacts_hangs_by_a_drawn_tie_to_a_contact_on_the_map() -> None:
    net = large()
    found = picked_from(net)

    drawn = {(int(a), int(b)) for a, b in found.edges}
    for at in np.flatnonzero(np.isin(found.ring, (IDEAL_CLIENT, FRIEND))).tolist():
        by = int(found.via[at])
        assert found.ring[by] in (TOP_ADVOCATE, CONTACT)
        assert net.graph.weight(int(found.nodes[by]), int(found.nodes[at])) > 0
        assert (min(at, by), max(at, by)) in drawn
    contacts = np.flatnonzero(np.isin(found.ring, (TOP_ADVOCATE, CONTACT)))
    assert np.all(found.via[contacts] == 0)


def test_friends_known_by_more_contacts_and_more_warmly_come_first() -> None:
    # You know 1, 2 and 3 well; all three know 4, only 1 knows 5 (closely) and 6 (barely).
    ties = [(0, 1, 0.9), (0, 2, 0.9), (0, 3, 0.9)]
    ties += [(1, 4, 0.5), (2, 4, 0.5), (3, 4, 0.5), (1, 5, 0.9), (1, 6, 0.1)]
    net = network(ties, icp=set(), n=7)
    found = picked_from(net)

    friends = found.nodes[found.ring == FRIEND].tolist()
    assert friends == [4, 5, 6]
    assert found.nodes[found.via[found.ring == FRIEND]].tolist()[1:] == [1, 1]


def test_a_friend_of_a_contact_sits_on_that_contacts_side_of_the_map() -> None:
    found = picked_from(large())

    angle = np.arctan2(found.xy[:, 1], found.xy[:, 0])
    friends = np.flatnonzero(found.ring == FRIEND)
    apart = np.abs(np.angle(np.exp(1j * (angle[friends] - angle[found.via[friends]]))))
    assert np.all(apart < 0.3)
    radius = np.hypot(found.xy[:, 0], found.xy[:, 1])
    assert radius[friends].min() > radius[found.ring != FRIEND].max()
