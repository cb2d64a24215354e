# ruff: noqa: E501 - demo data rows read best one record per line
"""Demo data for phase 4: challenges in several states, ideas, reviews and funding.

Idempotent: a challenge whose title exists is left alone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from collider.enums import EventKind
from collider.models import Event
from collider.services import event_create

from . import services
from .enums import FundingKind, IPStance, MaturityItem
from .models import Challenge, FundingOpportunity

FUNDING = [
    dict(
        title="Creative Industries Voucher Styria",
        kind=FundingKind.VOUCHER,
        provider="Styrian Business Promotion Agency",
        description="Covers external creative services for SMEs working with designers for the first time.",
        amount_min=2000,
        amount_max=10000,
        cofinancing_rate=50,
        deadline_days=70,
        eligible_sectors=["avm"],
        eligible_sizes=["micro", "small", "medium"],
        eligible_countries=["AT"],
        link="https://sfg.example/creative-voucher",
    ),
    dict(
        title="Young Creatives Scholarship",
        kind=FundingKind.SCHOLARSHIP,
        provider="Creative Hub Graz",
        description="Living costs for freelancers during a cooperation project with industry.",
        amount_min=1500,
        amount_max=4500,
        cofinancing_rate=100,
        deadline_days=88,
        eligible_sectors=["cci"],
        eligible_sizes=["solo", "micro"],
        eligible_countries=[],
        link="https://creativehub-graz.example/scholarship",
    ),
    dict(
        title="Design for Industry Subsidy Slovenia",
        kind=FundingKind.SUBSIDY,
        provider="Slovenian Enterprise Fund",
        description="Co-finances design services in product development of manufacturing SMEs.",
        amount_min=5000,
        amount_max=30000,
        cofinancing_rate=60,
        deadline_days=120,
        eligible_sectors=["avm"],
        eligible_sizes=["small", "medium"],
        eligible_countries=["SI"],
        link="https://podjetniskisklad.example/design",
    ),
]

CHALLENGES = [
    dict(
        owner=2,
        stage="ideation_open",
        title="Make cobot safety zones understandable on the shop floor",
        public_summary=(
            "Operators ignore or misread the safety zones around our collaborative robots. We look "
            "for a visual, sound or spatial language that makes the zones obvious to everyone."
        ),
        context=(
            "Petek Robotics builds cobot cells for metalworking SMEs in Slovenia and Austria. Our "
            "customers' operators work next to the cobots every day."
        ),
        problem_statement=(
            "Floor markings wear off, and the warning lights mean different things in every cell. "
            "Operators step into the slow zone without noticing, which stops the line."
        ),
        scope=(
            "In: markings, light and sound signals, onboarding material for operators. Out: "
            "changes to the safety controller or certification."
        ),
        expected_outcome=(
            "A tested signal language (visual and acoustic) and a 10-minute onboarding module, "
            "delivered as design files and a short film."
        ),
        constraints="Must comply with ISO 10218 and work with hearing protection.",
        resources="A demo cell in Maribor, two operators for tests, 3D models of the cell.",
        budget_min=8000,
        budget_max=20000,
        timeline="Prototype within 8 weeks of selection; field test in one customer plant.",
        ip_stance=IPStance.LICENCE,
        confidential_details=(
            "Customer: a Tier-1 automotive supplier in Styria. Incident log of the last 12 months "
            "(23 unplanned stops) is available after the NDA."
        ),
        competences="sound design, interaction design, signage, UX research",
    ),
    dict(
        owner=3,
        stage="published",
        title="Tell the story of our lightweight composite bike frame",
        public_summary=(
            "Our carbon-flax bike frame is lighter and greener than aluminium, but buyers do not "
            "see it. We need a product film and a story for trade fairs."
        ),
        context="Eder Composites makes composite parts for mobility; the bike frame is our first B2C product.",
        problem_statement="Trade fair visitors walk past; the material advantage is invisible.",
        scope="In: film, story, booth visuals. Out: the frame design itself.",
        expected_outcome="A 90-second product film and a booth concept for EUROBIKE.",
        constraints="Filming only in our plant on weekends.",
        resources="Frames, the production line, our engineers for interviews.",
        budget_min=5000,
        budget_max=12000,
        timeline="Film ready eight weeks before the fair.",
        ip_stance=IPStance.ASSIGNMENT,
        confidential_details="Fair booth budget and the list of target distributors.",
        competences="video, storytelling, exhibition design",
    ),
    dict(
        owner=0,
        stage="in_review",
        title="Turn machining data into a dashboard operators love",
        public_summary=(
            "Our CNC machines produce data nobody looks at. We want a shop-floor dashboard that "
            "operators actually use."
        ),
        context="Reiter Präzisionstechnik machines precision parts for aerospace and medical customers.",
        problem_statement="We want to use data better.",
        scope="All machines, maybe the ERP too.",
        expected_outcome="Something better than the current screens.",
        constraints="",
        resources="Machine data via OPC UA.",
        budget_min=None,
        budget_max=None,
        timeline="",
        ip_stance=IPStance.NEGOTIABLE,
        confidential_details="",
        competences="data visualisation, UX research",
    ),
]


def _deadline_from(event: Event, days: int):
    return event.starts_at + timedelta(days=days)


def _pitch_held(programme, partner) -> Event | None:
    """A challenge pitch that already took place: ideation opens only after the pitch, so the
    demo's challenge in ideation was pitched at a first round three days ago."""
    pitches = Event.objects.filter(programme=programme, kind=EventKind.CHALLENGE_PITCH)
    held = pitches.filter(starts_at__lte=timezone.now()).order_by("-starts_at").first()
    if held is not None:
        return held
    later = pitches.first()
    if later is None:
        return None
    start = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(days=3)
    return event_create(
        actor=partner,
        programme=programme,
        kind=EventKind.CHALLENGE_PITCH,
        phase=later.phase,
        title="Challenge pitch: first round",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        venue=later.venue,
        timezone=later.timezone,
    )


def build_demo(*, programme, people, stdout=None) -> None:
    partner = people.partners[0]
    services.review_criteria_ensure(programme=programme)
    today = timezone.localdate()
    for spec in FUNDING:
        if not FundingOpportunity.objects.filter(programme=programme, title=spec["title"]).exists():
            fields = {k: v for k, v in spec.items() if k != "deadline_days"}
            services.funding_opportunity_save(
                actor=partner,
                programme=programme,
                deadline=today + timedelta(days=spec["deadline_days"]),
                **fields,
            )
    pitch = _pitch_held(programme, partner)
    idea_event = Event.objects.filter(programme=programme, kind=EventKind.IDEA_PITCH).first()
    for spec in CHALLENGES:
        if Challenge.objects.filter(programme=programme, title=spec["title"]).exists():
            continue
        spec = dict(spec)
        owner = people.avm[spec.pop("owner")]
        stage = spec.pop("stage")
        competences = services.competences_parse(spec.pop("competences"))
        challenge = services.challenge_create(
            actor=owner, programme=programme, competences=competences, **spec
        )
        challenge = services.challenge_translator_assign(
            actor=partner, challenge=challenge, expert=people.expert
        )
        challenge = services.challenge_submit_for_review(actor=owner, challenge=challenge)
        if stage == "in_review":
            services.challenge_comment_add(
                actor=people.expert,
                challenge=challenge,
                field="problem_statement",
                body="Which decisions should the dashboard support? Name one situation where an operator lacked information.",
            )
            services.challenge_comment_add(
                actor=people.expert,
                challenge=challenge,
                field="scope",
                body="Start with one machine group; leave the ERP out of this round.",
            )
            continue
        challenge = services.challenge_maturity_update(
            actor=people.expert, challenge=challenge, items=list(MaturityItem.values)
        )
        challenge = services.challenge_approve(actor=partner, challenge=challenge)
        challenge = services.challenge_publish(actor=partner, challenge=challenge)
        if stage == "published" or pitch is None or idea_event is None:
            continue
        challenge = services.challenge_schedule(
            actor=partner,
            challenge=challenge,
            pitch_event=pitch,
            idea_event=idea_event,
            idea_deadline=_deadline_from(pitch, programme.ideation_window_days + 7),
        )
        challenge = services.challenge_mark_pitched(actor=people.facilitator, challenge=challenge)
        challenge = services.challenge_ideation_open(actor=people.facilitator, challenge=challenge)
        cci = people.cci
        services.nda_accept(user=cci[1], challenge=challenge)
        question = services.question_ask(
            user=cci[1],
            challenge=challenge,
            body="Can we record sound samples in the demo cell during a normal shift?",
        )
        services.question_answer(
            actor=owner,
            question=question,
            answer="Yes, on Tuesdays and Thursdays; book the slot two days ahead.",
        )
        idea = services.idea_create(
            lead=cci[7],
            challenge=challenge,
            title="Zones you can hear: an acoustic layer for cobot cells",
            summary="A calm sound signature that rises as an operator approaches the slow zone.",
            approach="Field recordings in the demo cell, three sound prototypes, tests with operators wearing hearing protection.",
            deliverables="Sound library, integration guide, onboarding clip.",
            time_plan="Weeks 1–2 research, 3–6 prototypes, 7–8 field test.",
            budget_estimate=14000,
            funding_sources="Young Creatives Scholarship; Petek's project budget.",
        )
        services.idea_coauthor_invite(actor=cci[7], idea=idea, user=cci[13])
        services.idea_coauthor_respond(user=cci[13], idea=idea, accept=True)
        services.idea_expert_need_add(
            actor=cci[7],
            idea=idea,
            kind="legal_ipr",
            description="Licence terms for the sound library (the AVM wants a licence).",
        )
        services.idea_submit(actor=cci[7], idea=idea)
        services.idea_create(
            lead=cci[15],
            challenge=challenge,
            title="Floor graphics that tell the cobot's state",
            summary="Projected floor graphics instead of painted lines.",
            approach="Wayfinding principles applied to robot zones.",
            deliverables="Pictogram set and projection prototype.",
            time_plan="Six weeks.",
            budget_estimate=9000,
        )
        services.review_assign(
            actor=people.facilitator,
            idea=idea,
            reviewer=people.expert,
            due_at=timezone.now() + timedelta(days=90),
        )
