# ruff: noqa: E501 - demo data rows read best one record per line
"""Demo data for phase 2: best practices, a readiness checklist with answers, the info day's
programme, a brochure and media commitments. Idempotent: existing rows are left alone."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from collider.enums import EventKind
from collider.models import Event

from . import services
from .enums import (
    Audience,
    ChecklistStatus,
    Dimension,
    MediaChannel,
    PracticeAssessment,
    PracticeKind,
    PracticeLevel,
    QuestionKind,
    ResponseSource,
)
from .models import Brochure, Checklist, InfoDayItem, MediaCommitment, Practice
from .selectors import checklist_sections

PRACTICES = [
    dict(
        title="Ergonomic handle family for a CNC tool maker",
        summary="An industrial design studio and a Styrian tool maker redesigned the grips of a power-tool range after shop-floor observation; returns for wrist strain dropped and the range won a design award.",
        kind=PracticeKind.PRODUCT,
        level=PracticeLevel.REGIONAL,
        assessment=PracticeAssessment.GOOD,
        involves_cci=True,
        involves_avm=True,
        country="Styria, Austria",
        avm_technology="CNC machining, two-component injection moulding",
        collaboration_format="Paid design sprint of 10 weeks, then licence",
        ip_arrangement="Design rights transferred to the manufacturer; studio keeps portfolio rights and a 2 % royalty.",
        outcome="Grip-related complaints down by 40 %; new range launched at the trade fair in Cologne.",
        costs="EUR 38,000 design fee, co-funded by a regional innovation voucher",
        contacts="Studio Kovač Industrial Design · Kern Mechatronics",
        testimonial="We had measured every tolerance but never watched our customers hold the tool.",
        testimonial_by="Head of product, tool maker",
        links="https://example.org/cases/handle-family",
    ),
    dict(
        title="Serious game for safety training on the press line",
        summary="A games studio built a VR training for new press operators together with an automotive supplier; onboarding time halved.",
        kind=PracticeKind.SERVICE,
        level=PracticeLevel.NATIONAL,
        assessment=PracticeAssessment.GOOD,
        involves_cci=True,
        involves_avm=True,
        country="Slovenia",
        avm_technology="Servo presses, digital twin of the line",
        collaboration_format="Pilot project with milestone payments",
        ip_arrangement="Game engine stays with the studio; scenario content belongs to the supplier.",
        outcome="Onboarding from 6 to 3 weeks; no lost-time accident in the first year.",
        costs="EUR 65,000",
        contacts="Playful Factory Games",
        testimonial="Operators ask to play it again.",
        testimonial_by="HR lead, automotive supplier",
    ),
    dict(
        title="Design thinking embedded in a foundry's process",
        summary="A service designer coached a foundry's engineering team for six months; design thinking became part of every customer project.",
        kind=PracticeKind.PRACTICE_CHANGE,
        level=PracticeLevel.LOCAL,
        assessment=PracticeAssessment.GOOD,
        involves_cci=True,
        involves_avm=True,
        involves_intermediary=True,
        country="Graz, Austria",
        avm_technology="Aluminium die casting",
        collaboration_format="Coaching with monthly workshops",
        ip_arrangement="No new IP; method material under a Creative Commons licence.",
        outcome="Two new service offers for customers; shorter quotation cycles.",
        costs="EUR 12,000, half paid by the cluster",
        contacts="Pichler UX · Styrian Chamber of Commerce",
    ),
    dict(
        title="Acoustic branding for an e-mobility component maker",
        summary="A sound designer created the start-up sound of a battery-housing maker's test benches and trade-fair stand.",
        kind=PracticeKind.PRODUCT,
        level=PracticeLevel.INTERNATIONAL,
        assessment=PracticeAssessment.GOOD,
        involves_cci=True,
        involves_avm=True,
        avm_technology="Battery housings, test benches",
        collaboration_format="Commission with usage licence",
        outcome="Recognisable brand sound used at four international fairs.",
        costs="EUR 9,500",
        contacts="Steiner Sound",
    ),
    dict(
        title="Smart furniture prototype without an IP agreement",
        summary="A crafts lab and a furniture maker built a prototype together, but never agreed who owns the design; the product stalled for a year.",
        kind=PracticeKind.PRODUCT,
        level=PracticeLevel.LOCAL,
        assessment=PracticeAssessment.BAD,
        involves_cci=True,
        involves_avm=True,
        avm_technology="CNC woodworking, embedded sensors",
        collaboration_format="Informal cooperation",
        ip_arrangement="None agreed at the start.",
        outcome="Prototype finished; market launch delayed by a dispute.",
        costs="Unpaid time on both sides",
        lesson="Agree on ownership, licences and confidentiality before the first sketch — a one-page agreement is enough to start.",
    ),
    dict(
        title="Product film that the sales team never used",
        summary="A motion studio produced a product film for a mechatronics company, but sales had not been involved and found it too long for their meetings.",
        kind=PracticeKind.SERVICE,
        level=PracticeLevel.REGIONAL,
        assessment=PracticeAssessment.BAD,
        involves_cci=True,
        involves_avm=True,
        avm_technology="Mechatronic drives",
        collaboration_format="Single commission",
        outcome="Film shown once on the website.",
        costs="EUR 14,000",
        lesson="Involve the people who will use the result in the briefing, and agree on formats (30 s, 90 s, loop) up front.",
    ),
]

SECTIONS = [
    (
        "Technology",
        Dimension.TECHNOLOGY,
        "Join a hands-on know-how training on additive manufacturing and digital twins.",
        [
            (
                "I know which production technologies my partner sector uses.",
                QuestionKind.SCALE,
                Audience.BOTH,
                2,
            ),
            (
                "Have you visited a factory (CCI) or a creative studio (AVM) in the last year?",
                QuestionKind.YES_NO,
                Audience.BOTH,
                1,
            ),
        ],
    ),
    (
        "Future trends",
        Dimension.FUTURE_TRENDS,
        "Come to a “meet the expert” session on future trends in manufacturing.",
        [
            (
                "How often do you follow trends in the other sector?",
                QuestionKind.SINGLE,
                Audience.BOTH,
                1,
            ),
        ],
    ),
    (
        "Mindset and business language",
        Dimension.MINDSET,
        "Take the “how to make a good pitch to AVM” training.",
        [
            (
                "I can explain the value of my work in terms of costs, time and quality.",
                QuestionKind.SCALE,
                Audience.CCI,
                2,
            ),
            (
                "Our company would pay for design or creative services in the next year.",
                QuestionKind.SCALE,
                Audience.AVM,
                2,
            ),
            (
                "Which of these have you done with the other sector?",
                QuestionKind.MULTIPLE,
                Audience.BOTH,
                1,
            ),
        ],
    ),
    (
        "Intellectual property",
        Dimension.IPR,
        "Watch the IPR tutorial and use the cooperation agreement template.",
        [
            (
                "Do you have a template for IP and confidentiality agreements?",
                QuestionKind.YES_NO,
                Audience.BOTH,
                2,
            ),
            ("What worries you most about sharing ideas?", QuestionKind.TEXT, Audience.BOTH, 0),
        ],
    ),
]

OPTIONS = {
    "How often do you follow trends in the other sector?": [
        ("Never", 0),
        ("Once a year", 3),
        ("Monthly", 7),
        ("Weekly", 10),
    ],
    "Which of these have you done with the other sector?": [
        ("Met at an event", 2),
        ("Joint workshop", 3),
        ("Paid project", 5),
        ("None yet", 0),
    ],
}

MEDIA = [
    ("Kleine Zeitung", MediaChannel.DAILY, Audience.BOTH, 180000, True),
    ("Industriemagazin", MediaChannel.PRINT_MAGAZINE, Audience.AVM, 25000, True),
    ("LinkedIn company page", MediaChannel.LINKEDIN, Audience.AVM, 6000, True),
    ("Creative Region podcast", MediaChannel.PODCAST, Audience.CCI, 3500, True),
    ("Design Austria blog", MediaChannel.BLOG, Audience.CCI, 4000, False),
]


def _answers(checklist: Checklist, sector: str, level: int) -> dict:
    """Plausible answers: ``level`` 0-4 moves every answer from unready to ready."""
    answers = {}
    for section in checklist_sections(checklist):
        for question in section.questions.all():
            if not question.asked_to(sector):
                continue
            options = list(question.options.all())
            if question.kind == QuestionKind.SCALE:
                answers[question.pk] = min(question.scale_max, 1 + level)
            elif question.kind == QuestionKind.YES_NO:
                answers[question.pk] = level >= 2
            elif question.kind == QuestionKind.SINGLE:
                answers[question.pk] = options[min(level, len(options) - 1)].pk
            elif question.kind == QuestionKind.MULTIPLE:
                answers[question.pk] = [o.pk for o in options[: max(1, level)] if o.score]
            else:
                answers[question.pk] = "That the other side copies our idea without paying."
    return answers


def outreach_demo(*, programme, people, stdout=None) -> None:
    partner = people.partners[0]
    if not Practice.objects.filter(programme=programme).exists():
        for index, spec in enumerate(PRACTICES):
            practice = services.practice_create(
                actor=partner, programme=programme, shared=index < 2, **spec
            )
            services.practice_publish(actor=partner, practice=practice)

    checklist = Checklist.objects.filter(programme=programme).first()
    if checklist is None:
        checklist = services.checklist_create(
            actor=partner,
            programme=programme,
            title="Readiness for cross-sectoral cooperation",
            intro="Ten minutes, no account needed. You will see your score per topic and where the programme can help.",
            audience=Audience.BOTH,
        )
        for order, (title, dimension, steps, questions) in enumerate(SECTIONS):
            section = services.checklist_section_save(
                actor=partner,
                checklist=checklist,
                title=title,
                dimension=dimension,
                next_steps=steps,
                order=order,
            )
            for q_order, (text, kind, audience, weight) in enumerate(questions):
                services.checklist_question_save(
                    actor=partner,
                    section=section,
                    text=text,
                    kind=kind,
                    audience=audience,
                    weight=weight,
                    scale_max=5,
                    required=kind != QuestionKind.TEXT,
                    order=q_order,
                    options=OPTIONS.get(text),
                )
        checklist = services.checklist_open(actor=partner, checklist=checklist)
        respondents = [(u, "cci", i % 4) for i, u in enumerate(people.cci[:8])] + [
            (u, "avm", (i + 2) % 5) for i, u in enumerate(people.avm[:6])
        ]
        for user, sector, level in respondents:
            organisation = user.organisations.first()
            services.checklist_response_submit(
                checklist=checklist,
                sector=sector,
                email=user.email,
                organisation_name=organisation.name if organisation else user.display_name,
                consent=True,
                answers=_answers(checklist, sector, level),
                source=ResponseSource.PAPER,
                entered_by=partner,
            )
    if checklist.status != ChecklistStatus.OPEN:
        services.checklist_open(actor=partner, checklist=checklist)

    info_day = Event.objects.filter(programme=programme, kind=EventKind.INFO_DAY).first()
    if info_day is not None and not InfoDayItem.objects.filter(event=info_day).exists():
        for start, dimension, title, speaker in (
            (
                time(14, 0),
                Dimension.COOPERATION,
                "Welcome: why creative industries and manufacturers need each other",
                "Petra Lindner",
            ),
            (
                time(14, 30),
                Dimension.TECHNOLOGY,
                "Hands-on: what a digital twin can do for a small factory",
                "Georg Haas",
            ),
            (
                time(15, 15),
                Dimension.FUTURE_TRENDS,
                "Future trends: circular products and service design",
                "Vesna Mlakar",
            ),
            (
                time(16, 0),
                Dimension.MINDSET,
                "Mindset: how to pitch to a manufacturer",
                "Mira Kovač",
            ),
            (time(16, 45), Dimension.IPR, "Who owns the idea? IP in a nutshell", "Georg Haas"),
        ):
            services.info_day_item_add(
                actor=partner,
                event=info_day,
                starts_at=start,
                dimension=dimension,
                title=title,
                speaker=speaker,
                description="",
            )

    if not Brochure.objects.filter(programme=programme).exists():
        stories = list(Practice.objects.filter(programme=programme).order_by("pk")[:5])
        brochure = services.brochure_save(
            actor=partner,
            programme=programme,
            practices=stories,
            title="Creative × Manufacturing: stories that worked (and two that didn't)",
            subtitle="Styria and Slovenia, 2024–2026",
            intro_cci="Designers, studios, sound and media makers bring the user's view, storytelling and fast prototyping. Manufacturers need exactly that to turn good engineering into products people want.",
            intro_avm="Advanced manufacturers master materials, precision and scale. They are looking for new products, services and better ways of working — and for partners who understand their constraints.",
            contacts="Creative Hub Graz · petra.lindner@creativehub-graz.example\nStyrian Chamber of Commerce · +43 316 601 0",
        )
        services.brochure_publish(actor=partner, brochure=brochure)

    if not MediaCommitment.objects.filter(programme=programme).exists():
        for index, (outlet, channel, group, reach, published) in enumerate(MEDIA):
            item = services.media_commitment_create(
                actor=partner,
                programme=programme,
                responsible=people.partners[index % 2],
                outlet=outlet,
                channel=channel,
                target_group=group,
                estimated_reach=reach,
                topic="Cross-sectoral cooperation in the Styria Collider",
            )
            if published:
                services.media_commitment_commit(actor=partner, item=item)
                services.media_commitment_publish(
                    actor=partner,
                    item=item,
                    link=f"https://example.org/media/{index + 1}",
                    published_on=timezone.localdate() - timedelta(days=10 * (index + 1)),
                    estimated_reach=reach,
                )
    if stdout is not None:
        stdout.write("Outreach: practices, checklist, info-day programme, brochure, media log.\n")
