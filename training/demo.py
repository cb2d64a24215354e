"""Demo data of phase 3: the catalogue in three dimensions, the core's training events as
sessions, a guided company visit, a past session with outputs and feedback, and the library.
Idempotent: running it twice changes nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from collider import services as core
from collider.enums import EventFormat, EventKind, RegistrationMode, Sector
from collider.models import Event, Organisation, Registration

from . import services
from .enums import Audience, Dimension, MaterialKind, ModuleFormat
from .models import Material, Module, Session

MODULES = [
    (
        "Hands-on know-how: additive manufacturing for designers",
        Dimension.TECHNOLOGY,
        ModuleFormat.HANDS_ON,
        Audience.CCI,
        "CCI learn the technology trends AVM works with, so they can challenge and work with "
        "production: design for metal and polymer 3D printing, tolerances, post-processing.",
        "Read a build-plate layout and its constraints\nKnow when additive beats machining\n"
        "Prepare a printable design file",
    ),
    (
        "Digital twins and sensor data for creative teams",
        Dimension.TECHNOLOGY,
        ModuleFormat.WORKSHOP,
        Audience.BOTH,
        "What a production line's data looks like and how designers and media makers can use it "
        "for visualisation, training and service design.",
        "Explain what a digital twin is\nName three data sources on a shop floor",
    ),
    (
        "Meet the expert: future of work in smart factories",
        Dimension.FUTURE_TRENDS,
        ModuleFormat.MEET_THE_EXPERT,
        Audience.BOTH,
        "Both sectors share know-how on automation, cobots and the skills the factory of 2030 "
        "needs — and where creative work fits in.",
        "Describe three trends changing manufacturing\nSpot openings for creative services",
    ),
    (
        "Mindset: how to make a good pitch to AVM",
        Dimension.MINDSET,
        ModuleFormat.WEBINAR,
        Audience.CCI,
        "Business language and behaviour: what a production manager needs to hear, in what "
        "order, with which numbers.",
        "Structure a ten-minute pitch\nTalk about cost, risk and time to market",
    ),
    (
        "Guided visit: cobots at work",
        Dimension.TECHNOLOGY,
        ModuleFormat.COMPANY_VISIT,
        Audience.BOTH,
        "A guided visit to an AVM company: see collaborative robots on the shop floor and talk "
        "to the people who run them.",
        "See a production line in operation\nAsk the operators what they need",
    ),
]

MATERIALS = [
    ("Design for additive manufacturing: a primer", MaterialKind.ARTICLE, Dimension.TECHNOLOGY),
    ("CNC basics in 15 minutes", MaterialKind.WEB_TUTORIAL, Dimension.TECHNOLOGY),
    ("A day at a cobot line", MaterialKind.SHORT_FILM, Dimension.TECHNOLOGY),
    ("Industry 5.0: people at the centre", MaterialKind.ARTICLE, Dimension.FUTURE_TRENDS),
    (
        "Design-driven packaging at a plastics maker",
        MaterialKind.BEST_PRACTICE,
        Dimension.FUTURE_TRENDS,
    ),
    ("Who owns the idea? IPR tutorial", MaterialKind.IPR_TUTORIAL, Dimension.MINDSET),
    (
        "Testimonial: what our CNC shop learned from a designer",
        MaterialKind.TESTIMONIAL,
        Dimension.MINDSET,
    ),
    (
        "Cluster platform for CCI × industry matchmaking",
        MaterialKind.RELATED_PLATFORM,
        Dimension.MINDSET,
    ),
]


def _at(day_offset: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def training_demo(*, programme, people, stdout=None) -> None:
    if Module.objects.filter(programme=programme).exists():
        return
    actor = people.partners[0]
    trainers = [people.expert] if people.expert else []
    modules = {}
    for title, dimension, fmt, audience, description, outcomes in MODULES:
        modules[title] = services.module_create(
            actor=actor,
            programme=programme,
            title=title,
            dimension=dimension,
            format=fmt,
            audience=audience,
            description=description,
            learning_outcomes=outcomes,
            language="en",
            trainers=trainers,
        )
    # The core's demo already scheduled the training events; attach them to their modules.
    links = {
        "Hands-on know-how: additive manufacturing for designers": modules[MODULES[0][0]],
        "Mindset: how to make a good pitch to AVM": modules[MODULES[3][0]],
    }
    for event in Event.objects.filter(programme=programme, kind=EventKind.TRAINING_SESSION):
        module = links.get(event.title)
        if module and not hasattr(event, "training"):
            Session.objects.create(event=event, module=module)
    visit = Event.objects.filter(programme=programme, kind=EventKind.COMPANY_VISIT).first()
    host = Organisation.objects.filter(sector=Sector.AVM, name__startswith="Petek").first()
    if visit is not None and not hasattr(visit, "training"):
        if host is not None:
            core.event_update(actor=actor, event=visit, host_organisation=host)
        Session.objects.create(
            event=visit,
            module=modules[MODULES[4][0]],
            safety_rules="Safety shoes and glasses are provided; wear them on the shop floor.",
            photo_policy="No photos or videos on the shop floor; the meeting room is fine.",
            confidentiality_text="I will not disclose what I see of customers' parts, processes "
            "or prototypes during the visit.",
            virtual_tour_url="https://video.example/petek-robotics-tour",
        )
    # A past online session with attendance, a recording and feedback.
    past = services.session_create(
        actor=actor,
        module=modules[MODULES[2][0]],
        kind=EventKind.TRAINING_SESSION,
        title="Meet the expert: future of work in smart factories",
        format=EventFormat.ONLINE,
        online_url="https://meet.example/future-of-work",
        starts_at=_at(-3, 16),
        ends_at=_at(-3, 18),
        capacity=40,
        timezone=programme.timezone,
        registration_mode=RegistrationMode.MEMBERS,
    )
    attendees = people.cci[:4] + people.avm[:2]

    for user in attendees:
        # Registration closed when the session started, so the record is written directly.
        Registration.objects.get_or_create(
            event=past.event,
            email=user.email,
            defaults={"user": user, "name": user.display_name, "status": "confirmed"},
        )
    regs = list(past.event.registrations.all())
    core.attendance_mark(
        actor=actor,
        event=past.event,
        attended_ids={r.pk for r in regs[:5]},
        absent_ids={r.pk for r in regs[5:]},
    )
    services.session_output_add(
        actor=actor,
        session=past,
        kind="recording",
        title="Recording of the session",
        url="https://video.example/future-of-work-recording",
    )
    for registration, rating in zip(regs[:3], (5, 4, 4), strict=True):
        services.feedback_submit(
            user=registration.user,
            session=past,
            rating=rating,
            comment="Good mix of examples from both sectors.",
        )
    for title, kind, dimension in MATERIALS:
        if not Material.objects.filter(programme=programme, title=title).exists():
            services.material_create(
                actor=actor,
                programme=programme,
                title=title,
                kind=kind,
                dimension=dimension,
                audience=Audience.BOTH,
                language="en",
                description=f"{kind.label} on {dimension.label.lower()} for CCI and AVM.",
                url="https://learn.example/" + title.lower().replace(" ", "-")[:60],
            )
    if stdout:
        stdout.write(f"training: {len(MODULES)} modules, {len(MATERIALS)} materials\n")
