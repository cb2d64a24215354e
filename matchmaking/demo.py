"""Demo data: the two taxonomies, profiles of the demo participants, a facilitator's shortlist,
a match-making workshop with accepted requests and a published schedule, and two agreements
signed by both parties (a cooperation agreement with deliverables, which the follow-up app turns
into a cooperation with milestones, and an NDA)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from . import services
from .enums import AgreementKind, PickKind, RequestMode, RequestStatus, TermKind
from .models import Agreement, MeetingRequest, Profile, Term, Workshop

DOMAINS = [
    "product design",
    "UX",
    "branding",
    "video and media",
    "games/VR",
    "architecture",
    "crafts",
    "service design",
]
TECHNOLOGIES = [
    "robotics",
    "additive manufacturing",
    "CNC machining",
    "materials",
    "IoT",
    "sensors",
    "digital twins",
]

CCI_OFFERS = [
    (
        ["product design", "UX", "additive manufacturing"],
        "en, de",
        "Product designers who prototype with 3D printing.",
    ),
    (
        ["video and media", "branding", "games/VR"],
        "en, sl",
        "Studio for explainer films and VR training scenes.",
    ),
    (["service design", "UX", "IoT"], "en, hr", "We design the service around connected products."),
    (["crafts", "materials", "architecture"], "en, de", "Material research with craftspeople."),
]
AVM_NEEDS = [
    (["product design", "UX", "robotics"], "en, de", "A cobot interface operators trust."),
    (
        ["video and media", "branding", "CNC machining"],
        "en, sl",
        "Show what our CNC line can do to new customers.",
    ),
    (
        ["materials", "crafts", "additive manufacturing"],
        "en",
        "New surface finishes for printed parts.",
    ),
]


def build_demo(*, programme, people, stdout=None) -> None:
    partner = people.partners[0]
    facilitator = people.facilitator or partner
    for kind, names in ((TermKind.DOMAIN, DOMAINS), (TermKind.TECHNOLOGY, TECHNOLOGIES)):
        for name in names:
            if not Term.objects.filter(programme=programme, kind=kind, name=name).exists():
                services.term_create(actor=partner, programme=programme, kind=kind, name=name)
    by_name = {t.name: t for t in Term.objects.filter(programme=programme)}
    profiles = {"cci": [], "avm": []}
    for side, users, specs in (("cci", people.cci, CCI_OFFERS), ("avm", people.avm, AVM_NEEDS)):
        for user, (terms, languages, text) in zip(users, specs, strict=False):
            try:
                profiles[side].append(
                    services.profile_save(
                        actor=user,
                        programme=programme,
                        terms=[by_name[t] for t in terms],
                        description=text,
                        languages=languages,
                    )
                )
            except Exception:
                continue
    if not profiles["cci"] or not profiles["avm"]:
        return
    for company in profiles["avm"]:
        best = sorted(
            profiles["cci"],
            key=lambda c: -len({t.pk for t in c.terms.all()} & {t.pk for t in company.terms.all()}),
        )
        services.pick_set(
            actor=facilitator,
            company=company,
            candidate=best[0],
            kind=PickKind.PICK,
            note="Strong fit on the needs.",
        )
    workshop = Workshop.objects.filter(event__programme=programme).first()
    if workshop is None:
        day = max(timezone.localdate() + timedelta(days=21), programme.starts_on)
        starts = timezone.make_aware(datetime.combine(day, time(9, 0)))
        workshop = services.workshop_create(
            actor=partner,
            programme=programme,
            title="Match-making workshop: CCI meets AVM",
            starts_at=starts,
            slots=8,
            tables=6,
            request_mode=RequestMode.CONFIRM,
            venue="Technology park, hall B",
        )
        for table, company in zip(workshop.tables.all(), profiles["avm"], strict=False):
            services.table_fix(actor=partner, table=table, profile=company)
    if not MeetingRequest.objects.filter(workshop=workshop).exists():
        for i, cci in enumerate(profiles["cci"]):
            for company in profiles["avm"][: 2 + i % 2]:
                request = services.meeting_request_create(
                    actor=cci.user,
                    workshop=workshop,
                    recipient=company,
                    reason="Our offer fits what you look for.",
                )
                if (i + company.pk) % 4:
                    services.meeting_request_accept(actor=company.user, request=request)
        if MeetingRequest.objects.filter(workshop=workshop, status=RequestStatus.ACCEPTED).exists():
            services.schedule_run(actor=partner, workshop=workshop)
            services.schedule_publish(actor=partner, workshop=workshop)
    _signed_agreements(programme, partner, profiles)
    if stdout:
        stdout.write(
            f"  matchmaking: {Profile.objects.filter(programme=programme).count()} profiles, "
            f"workshop {workshop.pk}"
        )


AGREEMENTS = (
    (
        AgreementKind.COOPERATION,
        "Explainer film and VR training scene for the CNC line",
        "Show new customers what the CNC line can do, and train new operators in VR.",
        [("Storyboard agreed", 30), ("Film cut for the trade fair", 75), ("VR scene tested", 120)],
    ),
    (
        AgreementKind.NDA,
        "Mutual non-disclosure for the surface finish trials",
        "Exchange samples and process data of the surface finish trials in confidence.",
        [],
    ),
)


def _signed_agreements(programme, partner, profiles) -> None:
    """Two agreements drafted from accepted meetings and signed by both sides. The pairs are
    not the follow-up demo's hand-made cooperations, so every pipeline card stays one pair."""
    if Agreement.objects.filter(programme=programme).exists():
        return
    fixed = {(c.pk, a.pk) for c, a in zip(profiles["cci"], profiles["avm"], strict=False)}
    meetings = [
        m
        for m in MeetingRequest.objects.filter(
            workshop__event__programme=programme, status=RequestStatus.ACCEPTED
        ).select_related("requester__user", "recipient__user", "requester", "recipient")
        if (m.requester_id, m.recipient_id) not in fixed
    ]
    today = timezone.localdate()
    for (kind, title, goals, deliverables), meeting in zip(AGREEMENTS, meetings, strict=False):
        agreement = services.agreement_create(
            actor=partner, programme=programme, kind=kind, meeting=meeting, title=title, goals=goals
        )
        services.agreement_update(
            actor=partner,
            agreement=agreement,
            deliverables=[(name, today + timedelta(days=days)) for name, days in deliverables],
            starts_on=today,
            ends_on=today + timedelta(days=180),
            scope=goals,
        )
        for party in agreement.parties.select_related("user"):
            services.agreement_sign(
                actor=party.user, agreement=agreement, name=party.user.display_name
            )
