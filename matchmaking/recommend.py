"""Complementarity scoring, vectorised (numpy + scipy sparse); no Django in here.

Rows are candidates that *offer* (CCI), columns are targets that *need* (an AVM company or a
challenge's required competences). A score in [0, 1] before boosts:

    0.70 · share of the target's needs the candidate offers
  + 0.15 · they share a working language
  + 0.10 · same region
  + 0.05 · the candidate is available (e.g. registered for the workshop)

then + 0.20 for mutual interest (both asked to meet) and + 0.30 for a facilitator's pick; a
facilitator's veto removes the pair. Weights live here so the explanation can name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

W_COVERAGE = 0.70
W_LANGUAGE = 0.15
W_REGION = 0.10
W_AVAILABLE = 0.05
BOOST_MUTUAL = 0.20
BOOST_PICK = 0.30


def incidence(rows: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    """A 0/1 sparse matrix with row ``i`` set at the column indices ``rows[i]``."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


@dataclass
class Side:
    """Features of one side: terms (offers or needs), languages, a region code, availability."""

    terms: sparse.csr_matrix
    languages: sparse.csr_matrix
    region: np.ndarray  # int codes, -1 unknown
    available: np.ndarray | None = None  # bool per row (only meaningful for candidates)


def score_matrix(
    candidates: Side,
    targets: Side,
    *,
    mutual: sparse.spmatrix | None = None,
    picks: sparse.spmatrix | None = None,
    vetoes: sparse.spmatrix | None = None,
) -> np.ndarray:
    """Dense ``candidates x targets`` float32 scores; vetoed pairs are -inf."""
    overlap = (candidates.terms @ targets.terms.T).toarray().astype(np.float32)
    need_count = np.asarray(targets.terms.sum(axis=1)).ravel().astype(np.float32)
    coverage = overlap / np.maximum(need_count, 1)[None, :]
    score = W_COVERAGE * coverage
    shared_language = (candidates.languages @ targets.languages.T).toarray() > 0
    score += W_LANGUAGE * shared_language
    same_region = (candidates.region[:, None] == targets.region[None, :]) & (
        candidates.region[:, None] >= 0
    )
    score += W_REGION * same_region
    if candidates.available is not None:
        score += W_AVAILABLE * candidates.available[:, None].astype(np.float32)
    # Nothing in common at all is no recommendation, whatever the soft terms say.
    score[overlap == 0] = 0
    if mutual is not None:
        score += BOOST_MUTUAL * mutual.toarray()
    if picks is not None:
        score += BOOST_PICK * picks.toarray()
    if vetoes is not None:
        rows, cols = vetoes.nonzero()
        score[rows, cols] = -np.inf
    return score


def top_k(scores: np.ndarray, k: int, *, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Indices and scores of the best ``k`` along ``axis`` (0: best candidates per target),
    best first; pairs scoring 0 or less are never returned (index -1)."""
    matrix = scores.T if axis == 0 else scores
    k = min(k, matrix.shape[1])
    if k == 0:
        empty = np.empty((matrix.shape[0], 0))
        return empty.astype(int), empty
    part = np.argpartition(-matrix, k - 1, axis=1)[:, :k]
    part_scores = np.take_along_axis(matrix, part, axis=1)
    order = np.argsort(-part_scores, axis=1, kind="stable")
    index = np.take_along_axis(part, order, axis=1)
    best = np.take_along_axis(part_scores, order, axis=1)
    index = np.where(best > 0, index, -1)
    return index, best


def explain(
    *,
    offered: set[str],
    needed: set[str],
    target_label: str,
    shared_language: bool,
    same_region: bool,
    mutual: bool = False,
    picked: bool = False,
) -> str:
    """A sentence a person can read: what is offered that the target needs, plus the extras."""
    common = sorted(offered & needed)
    if not common:
        return ""
    what = common[0] if len(common) == 1 else ", ".join(common[:-1]) + " and " + common[-1]
    parts = [f"offers {what}, which {target_label} needs"]
    missing = len(needed) - len(common)
    if missing:
        parts.append(f"{len(common)} of {len(needed)} needs covered")
    if shared_language:
        parts.append("shares a working language")
    if same_region:
        parts.append("same region")
    if mutual:
        parts.append("both asked to meet")
    if picked:
        parts.append("picked by a facilitator")
    return "; ".join(parts)
