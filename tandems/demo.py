# ruff: noqa: E501 - demo prose from the seed documents reads best one sentence per line
"""Demo data of phase 1 for the demo programme (idempotent; vocabulary from the seeds:
COCO4CCI collider concept and the InduCCI pilot-action template)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from collider.enums import EventKind, Phase, Sector

from . import services
from .enums import ConsentBasis, ContactKind, PartnerRole, PilotStage, TaskStatus
from .models import (
    CharterVersion,
    Contact,
    MeetingSeries,
    PartnerMeeting,
    PilotAction,
    TandemPartner,
    Task,
)

CHARTER_V1 = {
    "rules": (
        "We work as equal partners: the Creative Hub speaks for the creative industries, the "
        "Chamber for manufacturing companies.\nEach partner keeps its own contacts; shared "
        "contacts are used only with a consent basis recorded.\nProblems are raised early, in "
        "the next partner meeting at the latest."
    ),
    "communication": (
        "Day to day: shared e-mail list and a chat channel.\nE-mails are answered within two "
        "working days; urgent matters by phone the same day."
    ),
    "decision_making": (
        "Decisions are taken by consensus in the partner meeting.\nBudget changes above EUR 2,000 "
        "need the written agreement of both leads."
    ),
    "meeting_cadence": "A partner meeting at least once a month (online), plus a kick-off and a yearly review on site.",
    "responsibilities": (
        "Phase 1 Meet: both partners.\nPhase 2 Connect: Creative Hub (best practices, info day), "
        "Chamber (AVM outreach).\nPhase 3 Share: Creative Hub.\nPhase 4 Solve: Chamber (challenges), "
        "Creative Hub (idea pitches).\nPhase 5 Cooperate and 6 Follow-up: both partners."
    ),
    "budget": "Events and catering: EUR 18,000\nExperts and trainers: EUR 24,000\nCommunication and brochure: EUR 6,000",
}
CHARTER_V2_CHANGES = {
    "communication": (
        "Day to day: shared e-mail list and a chat channel.\nE-mails are answered within one "
        "working day; urgent matters by phone the same day.\nThe contact database is the single "
        "source of truth for target-group contacts."
    ),
    "meeting_cadence": "A partner meeting every month (online, first Tuesday, 10:00), plus a kick-off and a yearly review on site.",
}

TASKS = [
    # title, phase, owner index, assignee index, start offset, length days, status
    ("Map CCI and AVM contacts in Styria and Podravje", Phase.MEET, 0, 0, -70, 20, TaskStatus.DONE),
    ("Agree and confirm the tandem charter", Phase.MEET, 1, 1, -70, 14, TaskStatus.DONE),
    (
        "Collect ten best practices of CCI × AVM cooperation",
        Phase.CONNECT,
        0,
        0,
        -40,
        35,
        TaskStatus.IN_PROGRESS,
    ),
    (
        "Readiness checklist visits at five AVM companies",
        Phase.CONNECT,
        1,
        1,
        -30,
        25,
        TaskStatus.IN_PROGRESS,
    ),
    ("Info day: Creative meets Manufacturing", Phase.CONNECT, 0, 0, -5, 14, TaskStatus.TODO),
    ("Book trainers for the technology dimension", Phase.SHARE, 0, 0, 0, 30, TaskStatus.TODO),
    ("Recruit AVM companies for the challenge pitch", Phase.SOLVE, 1, 1, 20, 40, TaskStatus.TODO),
    ("Prepare the match-making workshop", Phase.COOPERATE, 1, 0, 110, 40, TaskStatus.TODO),
]

CONTACTS = [
    (
        "Martina Weiss",
        "Weiss Metallbau GmbH",
        Sector.AVM,
        ContactKind.TARGET_GROUP,
        "metal, welding, CNC",
        "Chamber member list",
    ),
    (
        "Gregor Zorman",
        "Zorman Plastics d.o.o.",
        Sector.AVM,
        ContactKind.TARGET_GROUP,
        "injection moulding",
        "Chamber event 2023",
    ),
    (
        "Elisabeth Painer",
        "Painer Design",
        Sector.CCI,
        ContactKind.TARGET_GROUP,
        "industrial design",
        "Creative Hub community",
    ),
    (
        "Luka Vidmar",
        "Vidmar Studio",
        Sector.CCI,
        ContactKind.TARGET_GROUP,
        "UX, service design",
        "Creative Hub community",
    ),
    (
        "Dr. Irene Koch",
        "FH Joanneum",
        Sector.INTERMEDIARY,
        ContactKind.EXPERT,
        "design thinking, innovation management",
        "Referral",
    ),
    (
        "Prof. Janez Rupnik",
        "University of Maribor",
        Sector.INTERMEDIARY,
        ContactKind.EXPERT,
        "additive manufacturing, materials",
        "Conference",
    ),
    (
        "Sarah Lechner",
        "Lechner IP Law",
        Sector.INTERMEDIARY,
        ContactKind.EXPERT,
        "IPR, licensing",
        "Referral",
    ),
    (
        "Andreas Pölzl",
        "Pölzl Automation",
        Sector.AVM,
        ContactKind.TARGET_GROUP,
        "automation, robotics",
        "Chamber member list",
    ),
    (
        "Tanja Kolar",
        "Kolar Film",
        Sector.CCI,
        ContactKind.TARGET_GROUP,
        "employer branding films",
        "Creative Hub community",
    ),
    (
        "Bernhard Ofner",
        "Ofner Holztechnik",
        Sector.AVM,
        ContactKind.TARGET_GROUP,
        "wood processing",
        "Info day 2024",
    ),
]

PILOTS = [
    {
        "title": "CCI Factory Mentorship",
        "description": "Two series of mentorship workshops in which creative professionals spend a day a week in a factory and mentor a team on communication, design and new services.",
        "stakeholders": "Styrian Chamber of Commerce, FH Joanneum, three host companies",
        "target_group": "Production teams of AVM companies and CCI freelancers; 40 people",
        "reach_target": 40,
        "location": "Weiz and Maribor, at the host companies",
        "timeframe": "September to December",
        "frequency": "Once a year",
        "background": "Companies asked for a low-threshold way to try working with creatives before a paid project.",
        "methods": "Mentorship, design thinking sprints, shop-floor visits",
        "critical_factors": "Host companies must free their staff for a full day; confidentiality agreements first.",
        "success_factors": "Trust built in earlier events; clear, small tasks with visible results.",
        "partner_support": "Templates for mentorship agreements from other regions.",
        "strategic_embedding": "Part of the Styrian economic strategy for creative industries.",
        "budget_planned": Decimal("18000"),
        "budget_actual": Decimal("16450"),
        "results": "Three companies, 34 participants; two follow-up contracts between a studio and a manufacturer.",
        "lessons": "Start with the production manager, not the marketing department; plan the mentorship days before the summer break.",
        "stage": PilotStage.CLOSED,
        "published": True,
    },
    {
        "title": "Industrial Hackathon Styria",
        "description": "A 48-hour hackathon where CCI teams tackle real problems of manufacturers, tested as a format for bringing CCI capacities into industry.",
        "stakeholders": "Creative Hub Graz, start-up community, two AVM companies providing challenges",
        "target_group": "Designers, developers and engineers; 60 participants",
        "reach_target": 60,
        "location": "Creative Hub Graz",
        "timeframe": "Two days in spring",
        "frequency": "Yearly",
        "background": "Hackathons in Linz and Bielsko-Biała (InduCCI) showed the format works for industrial problems.",
        "methods": "Hackathon, mentoring by experts, jury pitch",
        "critical_factors": "Well-defined challenges; enough mentors from the companies.",
        "success_factors": "Prizes that lead to paid follow-up work.",
        "budget_planned": Decimal("25000"),
        "stage": PilotStage.IMPLEMENTATION,
    },
    {
        "title": "Living Lab Graz",
        "description": "A living lab in which traditionally strong industries meet new sectors in hands-on workshops during the start-up week.",
        "stage": PilotStage.IDEA,
    },
]


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo("Europe/Vienna"))


def build_demo(*, programme, people, stdout=None) -> None:
    hub_lead, chamber_lead = people.partners[0], people.partners[1]
    partners = []
    for user, role, is_lead, comp, groups, size in (
        (
            hub_lead,
            PartnerRole.CCI_HUB,
            True,
            "CCI community, design thinking, events, best practices",
            "Designers, studios, media makers, freelancers",
            850,
        ),
        (
            chamber_lead,
            PartnerRole.BSO,
            False,
            "Industry network, export, business advice, company visits",
            "Manufacturing SMEs and large companies",
            2400,
        ),
    ):
        membership = programme.memberships.get(user=user, role="partner")
        organisation = membership.organisation
        partner = TandemPartner.objects.filter(
            programme=programme, organisation=organisation
        ).first()
        if partner is None:
            partner = services.tandem_partner_add(
                actor=user,
                programme=programme,
                organisation=organisation,
                role=role,
                is_lead=is_lead,
                competences=comp,
                regions="Styria, Podravje",
                target_groups=groups,
                contact_base_size=size,
            )
        partners.append(partner)

    if not CharterVersion.objects.filter(programme=programme).exists():
        v1 = services.charter_version_create(
            actor=hub_lead,
            programme=programme,
            change_note="First version agreed at the kick-off.",
            **CHARTER_V1,
        )
        services.charter_confirm(actor=hub_lead, version=v1, partner=partners[0])
        services.charter_confirm(actor=chamber_lead, version=v1, partner=partners[1])
        v2 = services.charter_version_create(
            actor=hub_lead,
            programme=programme,
            change_note="Faster e-mail replies; fixed monthly meeting slot.",
            **{**CHARTER_V1, **CHARTER_V2_CHANGES},
        )
        services.charter_confirm(actor=hub_lead, version=v2, partner=partners[0])

    staff = [hub_lead, chamber_lead]
    created: dict[str, Task] = {}
    for title, phase, owner, assignee, start, length, status in TASKS:
        task = Task.objects.filter(programme=programme, title=title).first()
        if task is None:
            starts_on = timezone.localdate() + timedelta(days=start)
            task = services.task_create(
                actor=hub_lead,
                programme=programme,
                title=title,
                phase=phase,
                owner=partners[owner],
                assignee=staff[assignee],
                starts_on=starts_on,
                due_on=starts_on + timedelta(days=length),
                status=status,
            )
        created[title] = task

    kickoff = programme.events.filter(
        kind=EventKind.PARTNER_MEETING, title__startswith="Tandem kick-off"
    ).first()
    if kickoff is not None and not PartnerMeeting.objects.filter(event=kickoff).exists():
        meeting = PartnerMeeting.objects.create(event=kickoff)
        services.meeting_agenda_generate(actor=hub_lead, meeting=meeting)
        services.meeting_minutes_record(
            actor=hub_lead,
            meeting=meeting,
            minutes="Charter v1 agreed. Tasks divided by skills: the hub leads outreach to CCI, the chamber to AVM. "
            "Monthly online meetings from now on.",
        )
        services.action_item_create(
            actor=hub_lead,
            meeting=meeting,
            title="Share the chamber's AVM contact list (with consent basis)",
            assignee=chamber_lead,
            due_on=timezone.localdate() - timedelta(days=40),
        )
        services.action_item_create(
            actor=hub_lead,
            meeting=meeting,
            title="Draft the info-day programme",
            assignee=hub_lead,
        )
    if not MeetingSeries.objects.filter(programme=programme).exists():
        services.meeting_series_create(
            actor=hub_lead,
            programme=programme,
            title="Monthly tandem partner meeting",
            rrule="FREQ=MONTHLY;COUNT=6",
            first_starts_at=_at(6, 10),
            duration_minutes=60,
            tz="Europe/Vienna",
            format="online",
            online_url="https://meet.example/tandem-monthly",
        )

    for name, org, sector, kind, tags, source in CONTACTS:
        email = name.lower().replace("dr. ", "").replace("prof. ", "").replace(" ", ".")
        email = email.translate(str.maketrans("öäüčšž", "oaucsz")) + "@contacts.example"
        if not Contact.objects.filter(programme=programme, email=email).exists():
            services.contact_create(
                actor=hub_lead,
                programme=programme,
                kind=kind,
                name=name,
                organisation=org,
                sector=sector,
                email=email,
                tags=tags,
                source=source,
                consent_basis=ConsentBasis.CONSENT
                if kind == ContactKind.EXPERT
                else ConsentBasis.LEGITIMATE_INTEREST,
                consent_date=timezone.localdate() - timedelta(days=60),
            )

    for spec in PILOTS:
        if PilotAction.objects.filter(programme=programme, title=spec["title"]).exists():
            continue
        spec = dict(spec)
        target_stage = spec.pop("stage")
        published = spec.pop("published", False)
        pilot = services.pilot_action_create(
            actor=hub_lead, programme=programme, partners=partners, **spec
        )
        while pilot.stage != target_stage:
            pilot = services.pilot_action_advance(
                actor=hub_lead, pilot=pilot, to_stage=PilotStage.next_of(pilot.stage)
            )
        if published:
            services.pilot_action_publish(actor=hub_lead, pilot=pilot, published=True)
    if stdout is not None:
        stdout.write("  tandem: partners, charter v2, tasks, meetings, contacts, pilot actions\n")
