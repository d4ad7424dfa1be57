"""The advocate score: who of your contacts can bring you business, and why. Pure.

An advocate is someone you are close to who is close to the people you want to meet, so the
score is the owner's tie strength to them times how much good they can do: their reach into
the ideal client profile above all, then how much of a connector they are and what they have
already done (referrals given and won). Being briefed on the offering and a give-and-take
ledger move it a little. The multiplication is deliberate: a hub who barely knows you, or a
close friend who knows none of your buyers, is not an advocate yet. Being a connector only
amplifies reach into the ICP, so a hub whose many ties are the wrong audience gains little.

Reach is measured against the owner's own network (its scale is a high quantile of what
their contacts reach): a fixed scale saturated after a handful of ICP people, so someone
reaching five and someone reaching fifty scored alike and connector signals decided.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from goodword.advocates.network import Network
from goodword.advocates.roles import connector_roles
from goodword.relationships.graph import reach

# Who counts as an ICP match: a person meeting at least half of the weighted criteria.
ICP_MATCH = 0.5


@dataclass(frozen=True)
class Weights:
    reach: float = 0.6
    connector: float = 0.2
    track_record: float = 0.2
    reach_scale: float = 1.5  # the least scale for reach, and the one roles are judged on
    second_hop: float = 0.5
    reach_quantile: float = 0.75  # contacts' reach at this quantile scores ~63 %
    degree_scale: float = 40.0
    industries_scale: float = 6.0
    briefed_bonus: float = 0.1
    ledger_swing: float = 0.1
    advocate_min: float = 0.15  # a score from which a contact is called an advocate
    hidden_fit_max: float = 0.34
    hidden_reach_min: float = 0.75


@dataclass(frozen=True)
class AdvocateScores:
    """One row per direct contact of the owner (`nodes`), every factor beside the score."""

    nodes: NDArray[np.int64]
    score: NDArray[np.float64]
    strength: NDArray[np.float64]
    reach: NDArray[np.float64]  # 0–1
    reach_raw: NDArray[np.float64]  # strength-weighted ICP people within two hops
    connector: NDArray[np.float64]  # 0–1
    degree: NDArray[np.int64]
    industries: NDArray[np.int64]  # distinct industries among their ties
    roles_bits: NDArray[np.uint32]
    track_record: NDArray[np.float64]  # 0–1
    disposition: NDArray[np.float64]  # the multiplier, around 1
    fit: NDArray[np.float64]

    def components(self, i: int) -> dict[str, float]:
        """Each factor, to six decimals: tie strengths are kept in single precision."""
        found = {
            "strength_to_me": float(self.strength[i]),
            "reach": float(self.reach[i]),
            "icp_reach": float(self.reach_raw[i]),
            "connector": float(self.connector[i]),
            "ties": float(self.degree[i]),
            "industries": float(self.industries[i]),
            "track_record": float(self.track_record[i]),
            "disposition": float(self.disposition[i]),
            "fit": float(self.fit[i]),
        }
        return {name: round(value, 6) for name, value in found.items()}


def score_contacts(network: Network, *, weights: Weights | None = None) -> AdvocateScores:
    """Scores every direct contact of the owner in one vectorised pass."""
    w = weights or Weights()
    graph = network.graph
    owner = network.owner
    start, end = graph.indptr[owner], graph.indptr[owner + 1]
    nodes = graph.indices[start:end].astype(np.int64)
    strength = graph.weights[start:end].astype(np.float64)
    icp = np.where(network.fits.score >= ICP_MATCH, network.fits.score, 0.0)
    icp[owner] = 0.0
    sources, blocked = nodes.astype(np.int32), network.blocked_owner()
    direct = reach(graph, sources, icp, hops=1, blocked=blocked)
    # Whom they know themselves counts in full; what only their friends know, at half: an
    # introduction through a friend of theirs is one more favour to ask.
    reach_raw = direct + w.second_hop * (
        reach(graph, sources, icp, hops=2, blocked=blocked) - direct
    )
    reach_norm = 1 - np.exp(-reach_raw / _reach_scale(reach_raw, w))
    degree = graph.degree()[nodes] - 1  # the tie to the owner is not reach
    industries = _industries(network, nodes)
    bits = network.connector[nodes]
    connector = (
        0.4 * (1 - np.exp(-degree / w.degree_scale))
        + 0.3 * (1 - np.exp(-industries / w.industries_scale))
        + 0.3 * (bits > 0)
    )
    ties = network.owner_ties
    referred = ties.referrals_from[nodes].astype(np.float64)
    won = ties.referrals_won[nodes].astype(np.float64)
    track = 1 - np.exp(-(referred + 2 * won) / 2)
    gave, got = ties.gave_owner[nodes], ties.got_from_owner[nodes]
    balance = (gave + 1) / (gave + got + 2)  # 0.5 when even, towards 1 when they give more
    disposition = 1 + w.briefed_bonus * ties.briefed[nodes] + w.ledger_swing * (2 * balance - 1)
    potential = reach_norm * (w.reach + w.connector * connector) + w.track_record * track
    score = np.clip(strength * potential * disposition, 0.0, 1.0)
    return AdvocateScores(
        nodes=nodes, score=score, strength=strength, reach=reach_norm, reach_raw=reach_raw,
        connector=connector, degree=degree, industries=industries, roles_bits=bits,
        track_record=track, disposition=disposition, fit=network.fits.score[nodes],
    )  # fmt: skip


def _reach_scale(reach_raw: NDArray[np.float64], w: Weights) -> float:
    """Relative to the network, never below the fixed scale (a network of few ties)."""
    some = reach_raw[reach_raw > 0]
    if not len(some):
        return w.reach_scale
    return max(w.reach_scale, float(np.quantile(some, w.reach_quantile)))


def _industries(network: Network, nodes: NDArray[np.int64]) -> NDArray[np.int64]:
    """How many industries each node's ties span: a bridge between worlds refers further."""
    graph = network.graph
    counts = np.zeros(len(nodes), dtype=np.int64)
    for i, node in enumerate(nodes.tolist()):
        codes = network.industry[graph.indices[graph.indptr[node] : graph.indptr[node + 1]]]
        counts[i] = len(np.unique(codes[codes >= 0]))
    return counts


def roles(
    network: Network, node: int, scores: AdvocateScores | None, row: int | None, w: Weights
) -> list[str]:
    """Roles derived from the data, never typed in: prospect, client, advocate, referral
    partner, hidden advocate."""
    ties = network.owner_ties
    fit = float(network.fits.score[node])
    found = []
    if ties.client[node]:
        found.append("client")
    elif fit >= ICP_MATCH:
        found.append("prospect")
    referred = ties.referrals_from[node] > 0
    if referred or (scores is not None and row is not None and scores.score[row] >= w.advocate_min):
        found.append("advocate")
    if referred and ties.referrals_to[node] > 0:
        found.append("referral partner")
    if (
        scores is not None
        and row is not None
        and fit <= w.hidden_fit_max
        and 1 - np.exp(-scores.reach_raw[row] / w.reach_scale) >= w.hidden_reach_min
        and not referred
    ):
        found.append("hidden advocate")
    return found


def reasons(network: Network, scores: AdvocateScores, row: int, w: Weights) -> list[str]:
    """Sentences a user can act on, strongest factor first."""
    out = [_reach_reason(scores.reach_raw[row])]
    if connectors := connector_roles(int(scores.roles_bits[row])):
        out.append("Connector: " + ", ".join(connectors))
    if scores.industries[row] >= 3:
        out.append(
            f"Ties in {scores.industries[row]} industries ({scores.degree[row]} people besides you)"
        )
    node = int(scores.nodes[row])
    ties = network.owner_ties
    if ties.referrals_from[node]:
        won = int(ties.referrals_won[node])
        out.append(
            f"Referred {_count(int(ties.referrals_from[node]), 'person')} to you"
            + (f", {won} won" if won else "")
        )
    gave, got = int(ties.gave_owner[node]), int(ties.got_from_owner[node])
    if gave or got:
        out.append(f"Gave you {_count(gave, 'time')}; you gave them {_count(got, 'time')}")
    if ties.briefed[node]:
        out.append("Briefed on your offering")
    elif scores.reach[row] >= 0.3:
        out.append("Not briefed on your offering yet")
    if "hidden advocate" in roles(network, node, scores, row, w):
        out.append("Not a buyer themselves, but close to your buyers: a hidden advocate")
    return out


def _reach_reason(raw: float) -> str:
    if raw <= 0:
        return "Knows nobody yet who fits your ideal client profile"
    return f"Close to your ideal clients: reach {raw:.1f} (ICP people within two introductions)"


def _count(n: int, noun: str) -> str:
    plural = {"person": "people"}.get(noun, noun + "s")
    return f"{n} {noun if n == 1 else plural}"
