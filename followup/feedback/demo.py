"""Demo data of the feedback surveys: one closed programme survey with answers (idempotent)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..enums import SurveySubject
from ..models import Survey
from .services import response_submit, survey_create, survey_open

# --- Demo ----------------------------------------------------------------------------------

#: Free-text answers of the demo's programme survey, per sector, in the programme's vocabulary.
DEMO_TEXTS = {
    "cci": {
        "best": [
            "Meeting manufacturers on their shop floor: the company visit changed how we pitch.",
            "The challenge template made the AVM problems concrete enough to price our work.",
            "The mindset training on pitching to AVM — we used it the week after.",
            "The 1:1 match-making meetings; two of them turned into paid projects.",
            "Having the tandem partners as translators between both worlds.",
        ],
        "change": [
            "More time between the challenge pitch and the idea pitch for small studios.",
            "Clearer rules on IP before the first meeting, not after.",
            "Some AVM companies came without a decision maker; ask them to bring one.",
            "Fewer evening events: freelancers also have client work.",
        ],
    },
    "avm": {
        "best": [
            "Designers looked at our product from the user's side; we had never done that.",
            "The expert who helped us write the challenge saved us weeks.",
            "Short, well-prepared matchmaking meetings instead of a long networking evening.",
        ],
        "change": [
            "We need a budget guide: what does a design sprint cost?",
            "Idea pitches could be shorter and focus on the business case.",
            "Invite our engineers too, not only management.",
        ],
    },
}
#: Ratings per sector for the five rating questions, drawn from these weights (1-5).
DEMO_WEIGHTS = {
    "cci": ((0, 1, 2, 6, 4), (0, 2, 3, 5, 3), (0, 1, 2, 5, 5), (0, 1, 3, 6, 3), (0, 0, 2, 5, 6)),
    "avm": ((0, 1, 3, 5, 2), (1, 2, 3, 4, 1), (0, 2, 4, 4, 1), (0, 1, 2, 5, 3), (0, 1, 3, 5, 2)),
}
DEMO_TITLE = gettext_lazy("Mid-term programme feedback")


def build_demo(*, programme, people, stdout=None) -> None:
    """One closed programme survey with answers from both sectors (idempotent)."""
    if Survey.objects.filter(programme=programme, subject_kind=SurveySubject.PROGRAMME).exists():
        return
    actor = people.partners[0]
    today = timezone.localdate()
    opens_on, closes_on = today - timedelta(days=24), today - timedelta(days=10)
    survey = survey_create(
        actor=actor,
        programme=programme,
        subject_kind=SurveySubject.PROGRAMME,
        title=str(DEMO_TITLE),
        opens_on=opens_on,
        closes_on=closes_on,
        anonymous=True,
        intro="Half-way through the programme we ask both sectors what works and what should "
        "change. Your answers are anonymous: the tandem partners see your sector only.",
    )
    start = timezone.make_aware(datetime.combine(opens_on, time(8)))
    survey = survey_open(actor=actor, survey=survey, now=start)
    questions = list(survey.questions.all())
    ratings = [q for q in questions if q.is_rating]
    best, change = [q for q in questions if not q.is_rating]
    rng = random.Random(6)
    invited = {i.user_id: i.sector for i in survey.invitations.all()}
    # About two thirds of the CCI side and most of the AVM side answer.
    answering = [u for u in people.cci if u.pk in invited][:12]
    answering += [u for u in people.avm if u.pk in invited][:6]
    for index, user in enumerate(answering):
        sector = invited[user.pk]
        answers = {
            q.pk: rng.choices(range(1, 6), weights=DEMO_WEIGHTS[sector][n % 5])[0]
            for n, q in enumerate(ratings)
        }
        texts = DEMO_TEXTS[sector]
        answers[best.pk] = texts["best"][index % len(texts["best"])]
        if index % 2 == 0:
            answers[change.pk] = texts["change"][index % len(texts["change"])]
        response_submit(
            actor=user,
            survey=survey,
            answers=answers,
            now=start + timedelta(days=1 + index % 10, hours=index),
        )
    if stdout:
        stdout.write(f"  follow-up: a closed programme survey with {len(answering)} responses\n")
