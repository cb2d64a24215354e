"""The recommendation lists built on :mod:`matchmaking.recommend`: partners for a profile,
challenges for a CCI, CCI for one challenge."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Q
from django.shortcuts import get_object_or_404

from challenges.selectors import (
    challenge_list_visible_to,
    challenge_required_competences,
    challenges_published,
)
from collider.models import Programme, User

from .. import recommend
from ..enums import PickKind, Side
from ..models import (
    MeetingRequest,
    Participation,
    Pick,
    Profile,
)
from ..rules import can_organise
from ..vocabulary import terms_named_in
from .profiles import _profiles, term_names

# --- Recommendations ------------------------------------------------------------------------------


@dataclass
class Suggestion:
    profile: Profile | None
    label: str
    score: float
    explanation: str
    picked: bool = False
    mutual: bool = False
    challenge: object = None


def _index(items, key):
    return {key(item): i for i, item in enumerate(items)}


def _sides(candidates: list[Profile], targets: list, target_terms, target_langs, target_regions):
    vocabulary: dict[str, int] = {}
    lang_vocab: dict[str, int] = {}
    region_vocab: dict[str, int] = {}

    def idx(vocab, key):
        return vocab.setdefault(key, len(vocab))

    cand_terms = [[idx(vocabulary, t.name.lower()) for t in p.terms.all()] for p in candidates]
    targ_terms = [[idx(vocabulary, name.lower()) for name in names] for names in target_terms]
    cand_langs = [[idx(lang_vocab, code) for code in p.language_set] for p in candidates]
    targ_langs = [[idx(lang_vocab, code) for code in langs] for langs in target_langs]

    def region_code(region):
        return idx(region_vocab, region.strip().lower()) if region and region.strip() else -1

    width, lwidth = max(len(vocabulary), 1), max(len(lang_vocab), 1)
    cand = recommend.Side(
        recommend.incidence(cand_terms, width),
        recommend.incidence(cand_langs, lwidth),
        np.array([region_code(p.region) for p in candidates], dtype=int),
    )
    targ = recommend.Side(
        recommend.incidence(targ_terms, width),
        recommend.incidence(targ_langs, lwidth),
        np.array([region_code(r) for r in target_regions], dtype=int),
    )
    return cand, targ


def _pair_matrix(rows: list, cols: list, pairs: set[tuple[int, int]]):
    from scipy import sparse

    ri, ci = _index(rows, lambda p: p.pk), _index(cols, lambda p: p.pk)
    coords = [(ri[a], ci[b]) for a, b in pairs if a in ri and b in ci]
    if not coords:
        return None
    r, c = zip(*coords, strict=True)
    return sparse.csr_matrix(
        (np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(rows), len(cols))
    )


def _available(programme: Programme, ccis: list[Profile]) -> np.ndarray:
    """Per CCI: registered for a workshop of the programme (the recommender's availability)."""
    registered = set(
        Participation.objects.filter(workshop__event__programme=programme).values_list(
            "profile_id", flat=True
        )
    )
    return np.array([p.pk in registered for p in ccis])


def _mutual_pairs(programme: Programme) -> set[tuple[int, int]]:
    """(cci, avm) pairs that both asked to meet, in any workshop of the programme."""
    rows = MeetingRequest.objects.filter(workshop__event__programme=programme, mutual=True)
    pairs = set(rows.values_list("requester_id", "recipient_id"))
    return pairs | {(b, a) for a, b in pairs}


def recommendations(
    *,
    programme: Programme,
    company: Profile | None = None,
    candidate: Profile | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """ "CCI for this company" (``company``) or "companies for you" (``candidate``), best first,
    each with an explanation; vetoed pairs never appear."""
    ccis = list(_profiles(programme).filter(side=Side.CCI))
    avms = list(_profiles(programme).filter(side=Side.AVM))
    if not ccis or not avms:
        return []
    cand, targ = _sides(
        ccis,
        avms,
        [[t.name for t in p.terms.all()] for p in avms],
        [p.language_set for p in avms],
        [p.region for p in avms],
    )
    cand.available = _available(programme, ccis)
    picks = Pick.objects.filter(programme=programme)
    pick_pairs = {(p.candidate_id, p.company_id) for p in picks if p.kind == PickKind.PICK}
    veto_pairs = {(p.candidate_id, p.company_id) for p in picks if p.kind == PickKind.VETO}
    mutual_raw = _mutual_pairs(programme)
    mutual_pairs = {(a, b) for a, b in mutual_raw}
    scores = recommend.score_matrix(
        cand,
        targ,
        mutual=_pair_matrix(ccis, avms, mutual_pairs),
        picks=_pair_matrix(ccis, avms, pick_pairs),
        vetoes=_pair_matrix(ccis, avms, veto_pairs),
    )
    out: list[Suggestion] = []
    if company is not None:
        col = next(i for i, p in enumerate(avms) if p.pk == company.pk)
        index, best = recommend.top_k(scores[:, [col]], limit, axis=0)
        for i, score in zip(index[0], best[0], strict=True):
            if i < 0:
                continue
            cci = ccis[i]
            out.append(
                _suggest(
                    cci,
                    company,
                    float(score),
                    pick_pairs,
                    mutual_pairs,
                    label=cci.display_name,
                    profile=cci,
                )
            )
    else:
        row = next(i for i, p in enumerate(ccis) if p.pk == candidate.pk)
        index, best = recommend.top_k(scores[[row], :], limit, axis=1)
        for j, score in zip(index[0], best[0], strict=True):
            if j < 0:
                continue
            avm = avms[j]
            out.append(
                _suggest(
                    candidate,
                    avm,
                    float(score),
                    pick_pairs,
                    mutual_pairs,
                    label=avm.display_name,
                    profile=avm,
                )
            )
    return out


def _suggest(
    cci: Profile, avm: Profile, score, pick_pairs, mutual_pairs, *, label, profile
) -> Suggestion:
    picked = (cci.pk, avm.pk) in pick_pairs
    mutual = (cci.pk, avm.pk) in mutual_pairs
    company_name = avm.organisation.name if avm.organisation_id else avm.user.display_name
    text = recommend.explain(
        offered={t.name for t in cci.terms.all()},
        needed={t.name for t in avm.terms.all()},
        target_label=company_name,
        shared_language=bool(cci.language_set & avm.language_set),
        same_region=bool(cci.region and cci.region.strip().lower() == avm.region.strip().lower()),
        mutual=mutual,
        picked=picked,
    )
    return Suggestion(
        profile=profile,
        label=label,
        score=round(score, 3),
        explanation=text,
        picked=picked,
        mutual=mutual,
    )


def _needs_in_terms(needs: list[str], vocabulary: list[str]) -> list[str]:
    """A challenge's competences in the taxonomy's words: a term chosen from the taxonomy stays,
    a free-text extra that names terms ("UX research") becomes them, any other stays as written
    (it still meets a CCI offering exactly that)."""
    out: dict[str, str] = {}
    for need in needs:
        for name in terms_named_in(need, vocabulary) or [need]:
            out.setdefault(name.lower(), name)
    return list(out.values())


def _vocabulary(programme: Programme) -> list[str]:
    return term_names(programme)


def challenge_recommendations(
    *, programme: Programme, candidate: Profile | None = None, limit: int = 10
) -> list[Suggestion]:
    """Challenges (from the challenges app) whose required competences a CCI offers."""
    if candidate is None:
        return []
    challenges = list(
        challenge_list_visible_to(user=candidate.user, programme=programme).prefetch_related(
            "required_competences"
        )[:1000]
    )
    if not challenges:
        return []
    vocabulary = _vocabulary(programme)
    needs = [_needs_in_terms(challenge_required_competences(c), vocabulary) for c in challenges]
    cand, targ = _sides(
        [candidate], challenges, needs, [set() for _ in challenges], ["" for _ in challenges]
    )
    scores = recommend.score_matrix(cand, targ)
    index, best = recommend.top_k(scores, limit, axis=1)
    out = []
    for j, score in zip(index[0], best[0], strict=True):
        if j < 0:
            continue
        challenge = challenges[j]
        text = recommend.explain(
            offered={t.name.lower() for t in candidate.terms.all()},
            needed={n.lower() for n in needs[j]},
            target_label=f"“{challenge.title}”",
            shared_language=False,
            same_region=False,
        )
        out.append(
            Suggestion(
                profile=None,
                label=challenge.title,
                score=round(float(score), 3),
                explanation=text,
                challenge=challenge,
            )
        )
    if not out:
        return out
    # The company behind each challenge, so the CCI can ask it for a meeting from the list.
    owners = {
        p.user_id: p
        for p in _profiles(programme).filter(
            side=Side.AVM, user_id__in={s.challenge.owner_id for s in out}
        )
    }
    for suggestion in out:
        suggestion.profile = owners.get(suggestion.challenge.owner_id)
    return out


# --- CCI for one challenge --------------------------------------------------------------------


def challenge_for_cci_list(*, user: User, programme: Programme, pk: int):
    """A published challenge of the programme (from the challenges app), else 404."""
    return get_object_or_404(
        challenges_published(programme=programme)
        .select_related("organisation", "owner", "programme")
        .prefetch_related("required_competences"),
        pk=pk,
    )


def challenges_with_cci(*, user: User, programme: Programme) -> list:
    """Published challenges whose CCI list the user may open (organisers: all; an AVM company:
    its own), for links from the hub."""
    qs = challenges_published(programme=programme)
    if not can_organise.test(user, programme):
        if not user.is_authenticated:
            return []
        organisations = user.memberships.filter(
            programme=programme, role="participant", status="approved", sector="avm"
        ).values_list("organisation_id", flat=True)
        qs = qs.filter(Q(owner=user) | Q(organisation_id__in=organisations))
    return list(qs.order_by("title", "pk")[:20])


def cci_for_challenge(*, programme: Programme, challenge) -> list[Suggestion]:
    """Every CCI whose offers cover some of the challenge's required competences, best first,
    each with an explanation (the whole ranking: the page paginates it)."""
    ccis = list(_profiles(programme).filter(side=Side.CCI))
    needs = _needs_in_terms(challenge_required_competences(challenge), _vocabulary(programme))
    if not ccis or not needs:
        return []
    cand, targ = _sides(ccis, [challenge], [needs], [set()], [""])
    cand.available = _available(programme, ccis)
    scores = recommend.score_matrix(cand, targ)
    index, best = recommend.top_k(scores, len(ccis), axis=0)
    # Match case-insensitively but explain in the challenge's own spelling.
    spelling = {n.lower(): n for n in needs}
    needed = set(needs)
    label = f"“{challenge.title}”"
    out = []
    for i, score in zip(index[0], best[0], strict=True):
        if i < 0:
            continue
        cci = ccis[i]
        out.append(
            Suggestion(
                profile=cci,
                label=cci.display_name,
                score=round(float(score), 3),
                explanation=recommend.explain(
                    offered={
                        spelling[t.name.lower()]
                        for t in cci.terms.all()
                        if t.name.lower() in spelling
                    },
                    needed=needed,
                    target_label=label,
                    shared_language=False,
                    same_region=False,
                ),
                challenge=challenge,
            )
        )
    return out
