"""A realistic demo programme. Idempotent: running it again changes nothing that exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import cache

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from . import registry, services
from .enums import (
    EventFormat,
    EventKind,
    MembershipStatus,
    OrganisationKind,
    Phase,
    ProgrammeStatus,
    RegistrationMode,
    RegistrationStatus,
    Role,
    Sector,
)
from .models import (
    Event,
    Membership,
    Organisation,
    OrganisationMember,
    Programme,
    Registration,
    User,
)

DEMO_PASSWORD = "collider-demo"
DEMO_SLUG = "styria-creative-manufacturing-collider"

CCI = [
    (
        "Mira Kovač",
        "Studio Kovač Industrial Design",
        OrganisationKind.CCI_COMPANY,
        "product design, ergonomics, CMF",
    ),
    (
        "Jonas Pichler",
        "Pichler UX",
        OrganisationKind.CCI_FREELANCER,
        "UX research, service design, HMI",
    ),
    (
        "Lena Hofer",
        "Hofer & Wolf Branding",
        OrganisationKind.CCI_COMPANY,
        "branding, packaging, storytelling",
    ),
    (
        "Tomaž Zupan",
        "Zupan Motion",
        OrganisationKind.CCI_FREELANCER,
        "video, animation, product film",
    ),
    (
        "Ana Horvat",
        "Playful Factory Games",
        OrganisationKind.CCI_COMPANY,
        "serious games, VR training, gamification",
    ),
    (
        "Felix Gruber",
        "Gruber Architekten",
        OrganisationKind.CCI_COMPANY,
        "architecture, factory layout, workplace design",
    ),
    (
        "Katarina Novak",
        "Novak Crafts Lab",
        OrganisationKind.CCI_FREELANCER,
        "crafts, materials, textile",
    ),
    (
        "Paul Steiner",
        "Steiner Sound",
        OrganisationKind.CCI_FREELANCER,
        "sound design, acoustic branding",
    ),
    (
        "Eva Lang",
        "Lang Data Visuals",
        OrganisationKind.CCI_FREELANCER,
        "data visualisation, dashboards, infographics",
    ),
    (
        "Marko Babić",
        "Babić Photography",
        OrganisationKind.CCI_FREELANCER,
        "photography, 3D scanning",
    ),
    (
        "Sophie Auer",
        "Auer Service Design",
        OrganisationKind.CCI_COMPANY,
        "service design, customer journeys",
    ),
    ("David Fuchs", "Fuchs Immersive", OrganisationKind.CCI_COMPANY, "AR, VR, digital twins"),
    (
        "Nina Kralj",
        "Kralj Communication",
        OrganisationKind.CCI_COMPANY,
        "PR, content, social media",
    ),
    (
        "Lukas Maier",
        "Maier Interaction",
        OrganisationKind.CCI_FREELANCER,
        "interaction design, prototyping, Arduino",
    ),
    ("Petra Kos", "Kos Fashion Tech", OrganisationKind.CCI_COMPANY, "wearables, smart textiles"),
    (
        "Simon Berger",
        "Berger Type Foundry",
        OrganisationKind.CCI_FREELANCER,
        "typography, signage, wayfinding",
    ),
    (
        "Julia Wagner",
        "Wagner Circular Design",
        OrganisationKind.CCI_COMPANY,
        "circular design, eco-design, LCA",
    ),
    (
        "Matej Golob",
        "Golob Illustration",
        OrganisationKind.CCI_FREELANCER,
        "illustration, technical drawing",
    ),
    ("Hanna Schmid", "Schmid Film", OrganisationKind.CCI_COMPANY, "documentary, employer branding"),
    (
        "Tobias Koller",
        "Koller Creative Coding",
        OrganisationKind.CCI_FREELANCER,
        "generative design, creative coding",
    ),
]
AVM = [
    ("Andrea Reiter", "Reiter Präzisionstechnik GmbH", "CNC machining, precision parts", "medium"),
    (
        "Stefan Huber",
        "Huber Additive Solutions",
        "additive manufacturing, metal 3D printing",
        "small",
    ),
    ("Gregor Petek", "Petek Robotics d.o.o.", "robotics, automation, cobots", "medium"),
    ("Martina Eder", "Eder Composites", "composite materials, lightweight design", "small"),
    ("Bernhard Lechner", "Lechner Sensorik", "IoT, sensors, embedded systems", "small"),
    ("Irena Vidmar", "Vidmar Plastics", "injection moulding, polymers", "large"),
    ("Christoph Winkler", "Winkler Laser Systems", "laser cutting, photonics", "medium"),
    ("Sabine Kern", "Kern Mechatronics", "mechatronics, drives", "medium"),
    ("Rok Kranjc", "Kranjc Smart Furniture", "furniture manufacturing, CNC woodworking", "small"),
    ("Thomas Brunner", "Brunner E-Mobility Components", "e-mobility, battery housings", "large"),
]


@dataclass
class DemoPeople:
    admin: User
    partners: list[User] = field(default_factory=list)
    facilitator: User | None = None
    expert: User | None = None
    cci: list[User] = field(default_factory=list)
    avm: list[User] = field(default_factory=list)


def _slug_email(name: str, domain: str = "demo.collider.test") -> str:
    first, last = name.lower().split(" ", 1)
    table = str.maketrans("čćšžđöäüß", "ccszdoaus")
    return f"{first.translate(table)}.{last.translate(table).replace(' ', '')}@{domain}"


@cache
def _hashed_demo_password(hashers: tuple[str, ...]) -> str:
    """``DEMO_PASSWORD`` hashed once per process (and hasher setting): every demo account
    shares it, and the production hasher (PBKDF2) takes about 0.3 s of CPU per hash, which
    `make run` and the rehearsal paid for each of the demo's three dozen people."""
    return make_password(DEMO_PASSWORD)


def _user(email: str, name: str, *, superuser: bool = False) -> User:
    first, _, last = name.partition(" ")
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email, None, first_name=first, last_name=last)
        # A plain update: setting a password is no change the audit log should show.
        user.password = _hashed_demo_password(tuple(settings.PASSWORD_HASHERS))
        User.objects.filter(pk=user.pk).update(password=user.password)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _organisation(
    name: str,
    *,
    kind: str,
    sector: str,
    country: str,
    region: str,
    size: str,
    competences: str,
    member: User,
) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = services.organisation_create(
            creator=member,
            name=name,
            kind=kind,
            sector=sector,
            country=country,
            region=region,
            size=size,
            competences=competences,
            website=f"https://{name.lower().split()[0]}.example",
            description=f"{name} — {competences}.",
        )
    OrganisationMember.objects.get_or_create(organisation=organisation, user=member)
    return organisation


def _membership(
    programme: Programme,
    user: User,
    role: str,
    *,
    sector: str = "",
    organisation: Organisation | None = None,
    status: str = MembershipStatus.APPROVED,
    motivation: str = "",
) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        programme=programme,
        user=user,
        role=role,
        defaults={
            "sector": sector,
            "organisation": organisation,
            "status": status,
            "motivation": motivation,
        },
    )
    return membership


def _at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@transaction.atomic
def load_demo(stdout=None) -> Programme:
    today = timezone.localdate()
    admin = _user("admin@demo.collider.test", "Ada Admin", superuser=True)
    people = DemoPeople(admin=admin)

    programme = Programme.objects.filter(slug=DEMO_SLUG).first()
    if programme is None:
        programme = services.programme_create(
            name="Styria Creative × Manufacturing Collider",
            slug=DEMO_SLUG,
            starts_on=today - timedelta(days=75),
            ends_on=today + timedelta(days=290),
            tagline="Designers, studios and media makers solve real problems with Styrian and Slovenian manufacturers.",
            description=(
                "A tandem of a creative-industries hub and a chamber of commerce brings cultural and "
                "creative industries (CCI) together with advanced manufacturing (AVM) companies.\n\n"
                "Over six phases we meet, raise awareness with best practices and a readiness checklist, "
                "train in technology, future trends and mindset, pitch challenges and ideas, match CCI "
                "with AVM in a specialised workshop that ends in cooperation agreements, and follow up "
                "until the goals are met."
            ),
            countries=["AT", "SI"],
            regions="Styria, Podravje",
            languages="en,de,sl",
            status=ProgrammeStatus.RUNNING,
            timezone="Europe/Vienna",
            contact_email="collider@creativehub-graz.example",
        )
        dates = {
            Phase.MEET: (-75, -46),
            Phase.CONNECT: (-45, 20),
            Phase.SHARE: (-10, 80),
            Phase.SOLVE: (60, 150),
            Phase.COOPERATE: (140, 220),
            Phase.FOLLOW_UP: (200, 290),
        }
        services.programme_phases_update(
            actor=admin,
            programme=programme,
            changes={
                phase: {
                    "starts_on": today + timedelta(days=a),
                    "ends_on": today + timedelta(days=b),
                }
                for phase, (a, b) in dates.items()
            },
        )

    hub_lead = _user("petra.lindner@creativehub-graz.example", "Petra Lindner")
    chamber_lead = _user("markus.feldbauer@chamber-styria.example", "Markus Feldbauer")
    hub = _organisation(
        "Creative Hub Graz",
        kind=OrganisationKind.CCI_HUB,
        sector=Sector.INTERMEDIARY,
        country="AT",
        region="Styria",
        size="small",
        competences="CCI community, design thinking, events",
        member=hub_lead,
    )
    chamber = _organisation(
        "Styrian Chamber of Commerce",
        kind=OrganisationKind.CHAMBER,
        sector=Sector.INTERMEDIARY,
        country="AT",
        region="Styria",
        size="large",
        competences="industry network, export, business advice",
        member=chamber_lead,
    )
    for user, organisation in ((hub_lead, hub), (chamber_lead, chamber)):
        _membership(programme, user, Role.PARTNER, organisation=organisation)
        people.partners.append(user)
    people.facilitator = _user("vesna.mlakar@demo.collider.test", "Vesna Mlakar")
    _membership(programme, people.facilitator, Role.FACILITATOR)
    people.expert = _user("georg.haas@demo.collider.test", "Georg Haas")
    _membership(programme, people.expert, Role.EXPERT)

    for index, (name, org_name, kind, competences) in enumerate(CCI):
        user = _user(_slug_email(name), name)
        organisation = _organisation(
            org_name,
            kind=kind,
            sector=Sector.CCI,
            country="SI" if index % 4 == 0 else "AT",
            region="Podravje" if index % 4 == 0 else "Styria",
            size="solo" if kind == OrganisationKind.CCI_FREELANCER else "micro",
            competences=competences,
            member=user,
        )
        status = MembershipStatus.APPLIED if index >= 18 else MembershipStatus.APPROVED
        _membership(
            programme,
            user,
            Role.PARTICIPANT,
            sector=Sector.CCI,
            organisation=organisation,
            status=status,
            motivation=f"We offer {competences} and want to work with manufacturers on real products.",
        )
        people.cci.append(user)
    for index, (name, org_name, competences, size) in enumerate(AVM):
        user = _user(_slug_email(name), name)
        organisation = _organisation(
            org_name,
            kind=OrganisationKind.AVM_COMPANY,
            sector=Sector.AVM,
            country="SI" if index % 3 == 2 else "AT",
            region="Podravje" if index % 3 == 2 else "Styria",
            size=size,
            competences=competences,
            member=user,
        )
        _membership(
            programme,
            user,
            Role.PARTICIPANT,
            sector=Sector.AVM,
            organisation=organisation,
            motivation=f"We work in {competences} and look for fresh ideas from the creative industries.",
        )
        people.avm.append(user)

    events = [
        dict(
            kind=EventKind.PARTNER_MEETING,
            phase=Phase.MEET,
            title="Tandem kick-off: charter and task division",
            starts_at=_at(-70, 10),
            ends_at=_at(-70, 12),
            format=EventFormat.ONLINE,
            online_url="https://meet.example/collider-kickoff",
            registration_mode=RegistrationMode.INVITE_ONLY,
        ),
        dict(
            kind=EventKind.INFO_DAY,
            phase=Phase.CONNECT,
            title="Info day: Creative meets Manufacturing",
            description="Best practices of CCI × AVM cooperation, the readiness checklist, and how the programme works.",
            starts_at=_at(9, 14),
            ends_at=_at(9, 17, 30),
            format=EventFormat.HYBRID,
            venue="Creative Hub Graz",
            address="Lendplatz 1, 8020 Graz",
            online_url="https://meet.example/info-day",
            capacity=60,
            registration_mode=RegistrationMode.PUBLIC,
        ),
        dict(
            kind=EventKind.TRAINING_SESSION,
            phase=Phase.SHARE,
            title="Hands-on know-how: additive manufacturing for designers",
            description="Technology dimension. Design for metal and polymer 3D printing, with a printer on site.",
            starts_at=_at(16, 9),
            ends_at=_at(16, 13),
            venue="Huber Additive Solutions, Weiz",
            capacity=12,
        ),
        dict(
            kind=EventKind.TRAINING_SESSION,
            phase=Phase.SHARE,
            title="Mindset: how to make a good pitch to AVM",
            description="Business language and behaviour: what a production manager needs to hear.",
            starts_at=_at(23, 16),
            ends_at=_at(23, 18),
            format=EventFormat.ONLINE,
            online_url="https://meet.example/pitch-training",
            capacity=30,
        ),
        dict(
            kind=EventKind.COMPANY_VISIT,
            phase=Phase.SHARE,
            title="Guided visit: Petek Robotics",
            description="See cobots at work; safety shoes provided. No photos on the shop floor.",
            starts_at=_at(30, 10),
            ends_at=_at(30, 12),
            venue="Petek Robotics, Maribor",
            capacity=15,
        ),
        dict(
            kind=EventKind.CHALLENGE_PITCH,
            phase=Phase.SOLVE,
            title="Challenge pitch workshop",
            starts_at=_at(65, 13),
            ends_at=_at(65, 17),
            venue="Styrian Chamber of Commerce",
            capacity=80,
        ),
        dict(
            kind=EventKind.IDEA_PITCH,
            phase=Phase.SOLVE,
            title="Idea pitch day",
            starts_at=_at(95, 9),
            ends_at=_at(95, 16),
            venue="Styrian Chamber of Commerce",
            capacity=80,
        ),
        dict(
            kind=EventKind.MATCHMAKING,
            phase=Phase.COOPERATE,
            title="Specialised match-making workshop",
            starts_at=_at(150, 9),
            ends_at=_at(150, 15),
            venue="Creative Hub Graz",
            capacity=60,
        ),
    ]
    for spec in events:
        if not Event.objects.filter(programme=programme, title=spec["title"]).exists():
            spec.setdefault("format", EventFormat.ON_SITE)
            spec.setdefault("registration_mode", RegistrationMode.MEMBERS)
            spec.setdefault("timezone", "Europe/Vienna")
            event = services.event_create(actor=people.partners[0], programme=programme, **spec)
            if event.kind == EventKind.TRAINING_SESSION and event.capacity == 12:
                # A full session with a waitlist, so the waitlist shows in the demo.
                for user in people.cci[:12] + people.avm[:2]:
                    services.registration_create(event=event, user=user)
            elif event.kind == EventKind.INFO_DAY:
                for user in people.cci[:8] + people.avm[:5]:
                    services.registration_create(event=event, user=user)
    past = Event.objects.get(programme=programme, title__startswith="Tandem kick-off")
    for partner in people.partners:
        if not past.registrations.filter(user=partner).exists():
            Registration.objects.create(
                event=past,
                user=partner,
                name=partner.display_name,
                email=partner.email,
                status=RegistrationStatus.CONFIRMED,
                attended=True,
            )
    for builder in registry.demo_builders():
        builder(programme=programme, people=people, stdout=stdout)
    return programme


def demo_logins() -> list[tuple[str, str]]:
    rows = [
        ("Platform admin", "admin@demo.collider.test"),
        ("Tandem partner (CCI hub)", "petra.lindner@creativehub-graz.example"),
        ("Tandem partner (chamber)", "markus.feldbauer@chamber-styria.example"),
        ("Facilitator", "vesna.mlakar@demo.collider.test"),
        ("Expert", "georg.haas@demo.collider.test"),
        ("CCI participant", _slug_email(CCI[0][0])),
        ("AVM participant", _slug_email(AVM[0][0])),
        ("Applicant (waiting)", _slug_email(CCI[19][0])),
    ]
    return rows
