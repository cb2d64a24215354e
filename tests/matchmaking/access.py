"""Access declarations of the matchmaking app, in the format of tests/test_access_matrix.py.

``build_world`` adds ``world.mm``: profiles for the world's CCI and AVM users, a workshop, a
pending request CCI → AVM, an accepted one between them in a second workshop, a term and an
agreement whose parties are the CCI and the AVM user, a second agreement with an external party
(and that party's signing token), a published schedule version, a pick and an invited expert
for the read-only admin pages. ``matchmaking:challenge_cci`` uses the challenges app's world
challenge (published, owned by the AVM user).

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
Superusers pass every ``has_perm`` check, so the admin reaches participant pages too and is
stopped by the service (a 400 with the reason) where it is not a participant.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from matchmaking import services
from tests.access import LOGIN, Route, everyone, named, read_only_admin, row, to

from .factories import accepted, begin, profile, workshop

NOT_ALLOWED = everyone(405)
MEMBERS = row(LOGIN, 200, 200, 200, 200, 200, 403, 200)
PARTICIPANTS = row(LOGIN, 200, 200, 403, 403, 403, 403, 200)
ORGANISERS = row(LOGIN, 403, 403, 403, 200, 200, 403, 200)
ORGANISERS_BAD_POST = row(LOGIN, 403, 403, 403, 400, 400, 403, 400)
PARTNERS = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
PARTNERS_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)
DRAFTERS = row(LOGIN, 200, 200, 403, 200, 200, 403, 200)
DRAFTERS_BAD_POST = row(LOGIN, 400, 400, 403, 400, 400, 403, 400)
# Agreements: parties (cci, avm) and organisers see them; another member gets 404.
AGREEMENT = row(LOGIN, 200, 200, 404, 200, 200, 403, 200)
AGREEMENT_BAD_POST = row(LOGIN, 400, 400, 404, 400, 400, 403, 400)


def slug(w):
    return {"slug": w.programme.slug}


def mm(attribute: str):
    return lambda w: {"slug": w.programme.slug, "pk": getattr(w.mm, attribute).pk}


def meeting(attribute: str, workshop_attribute: str):
    return lambda w: {
        "slug": w.programme.slug,
        "pk": getattr(w.mm, workshop_attribute).pk,
        "request_pk": getattr(w.mm, attribute).pk,
    }


def run(w):
    return {"slug": w.programme.slug, "pk": w.mm.held_workshop.pk, "run_pk": w.mm.run.pk}


def organiser_redirect(target):
    return row(LOGIN, 403, 403, 403, target, target, 403, target)


WORKSHOP = to("matchmaking:workshop_detail", mm("workshop"))
HELD_WORKSHOP = to("matchmaking:workshop_detail", mm("held_workshop"))

ROUTES: dict[str, Route] = {
    "matchmaking:hub": Route(named("matchmaking:hub", slug), MEMBERS, NOT_ALLOWED),
    # Every field is optional: an empty profile is saved (the hub then has nothing to match).
    # The admin is no participant: the service refuses (PermissionDenied, 403 with the reason).
    "matchmaking:profile_edit": Route(
        named("matchmaking:profile_edit", slug),
        PARTICIPANTS,
        row(
            LOGIN, to("matchmaking:hub", slug), to("matchmaking:hub", slug), 403, 403, 403, 403, 403
        ),
    ),
    # The marketplace and a profile in it: every member of the programme reads them.
    "matchmaking:market": Route(named("matchmaking:market", slug), MEMBERS, NOT_ALLOWED),
    "matchmaking:profile_detail": Route(
        named("matchmaking:profile_detail", mm("company")), MEMBERS, NOT_ALLOWED
    ),
    "matchmaking:terms": Route(named("matchmaking:terms", slug), PARTNERS, PARTNERS_BAD_POST),
    "matchmaking:term_delete": Route(
        named("matchmaking:term_delete", mm("term")),
        NOT_ALLOWED,
        row(
            LOGIN,
            403,
            403,
            403,
            403,
            to("matchmaking:terms", slug),
            403,
            to("matchmaking:terms", slug),
        ),
    ),
    "matchmaking:company_detail": Route(
        named("matchmaking:company_detail", mm("company")), ORGANISERS, NOT_ALLOWED
    ),
    "matchmaking:pick": Route(
        named("matchmaking:pick", mm("company")), NOT_ALLOWED, ORGANISERS_BAD_POST
    ),
    "matchmaking:workshop_create": Route(
        named("matchmaking:workshop_create", slug), ORGANISERS, ORGANISERS_BAD_POST
    ),
    "matchmaking:workshop_detail": Route(
        named("matchmaking:workshop_detail", mm("workshop")), MEMBERS, NOT_ALLOWED
    ),
    # No cap and no blocked slot is a valid answer; the admin has no profile to take part with.
    "matchmaking:availability": Route(
        named("matchmaking:availability", mm("workshop")),
        NOT_ALLOWED,
        row(LOGIN, WORKSHOP, WORKSHOP, 403, 403, 403, 403, 400),
    ),
    # Experts may ask too (once invited); an empty form is refused for every one who may ask.
    "matchmaking:request_create": Route(
        named("matchmaking:request_create", mm("workshop")),
        NOT_ALLOWED,
        row(LOGIN, 400, 400, 400, 403, 403, 403, 400),
    ),
    # Organisers invite experts; an empty choice is refused.
    "matchmaking:experts": Route(
        named("matchmaking:experts", mm("workshop")), ORGANISERS, ORGANISERS_BAD_POST
    ),
    # The challenge's own AVM company and organisers; other members 403.
    "matchmaking:challenge_cci": Route(
        named(
            "matchmaking:challenge_cci",
            lambda w: {"slug": w.programme.slug, "pk": w.mm.challenge.pk},
        ),
        row(LOGIN, 403, 200, 403, 200, 200, 403, 200),
        NOT_ALLOWED,
    ),
    # Only the recipient (avm) answers; the requester and organisers see the request (403),
    # other members do not (404).
    "matchmaking:request_answer": Route(
        named("matchmaking:request_answer", meeting("pending", "workshop")),
        NOT_ALLOWED,
        row(LOGIN, 403, 400, 404, 403, 403, 403, 400),
    ),
    "matchmaking:meeting_held": Route(
        named("matchmaking:meeting_held", meeting("accepted", "held_workshop")),
        NOT_ALLOWED,
        row(
            LOGIN,
            HELD_WORKSHOP,
            HELD_WORKSHOP,
            404,
            HELD_WORKSHOP,
            HELD_WORKSHOP,
            403,
            HELD_WORKSHOP,
        ),
    ),
    "matchmaking:meeting_lock": Route(
        named("matchmaking:meeting_lock", meeting("accepted", "held_workshop")),
        NOT_ALLOWED,
        organiser_redirect(to("matchmaking:schedule", mm("held_workshop"))),
    ),
    # An empty POST names no slot: 404 for organisers, who alone get that far.
    "matchmaking:meeting_move": Route(
        named("matchmaking:meeting_move", meeting("accepted", "held_workshop")),
        NOT_ALLOWED,
        row(LOGIN, 403, 403, 403, 404, 404, 403, 404),
    ),
    "matchmaking:schedule": Route(
        named("matchmaking:schedule", mm("workshop")), ORGANISERS, ORGANISERS_BAD_POST
    ),
    # A finished run of the held workshop: its status is for organisers; stopping a finished run
    # changes nothing and returns to the scheduler.
    "matchmaking:schedule_run_status": Route(
        named("matchmaking:schedule_run_status", run), ORGANISERS, NOT_ALLOWED
    ),
    "matchmaking:schedule_run_stop": Route(
        named("matchmaking:schedule_run_stop", run),
        NOT_ALLOWED,
        organiser_redirect(to("matchmaking:schedule", mm("held_workshop"))),
    ),
    # Nothing placed yet in this workshop: publishing is refused with the reason.
    "matchmaking:publish": Route(
        named("matchmaking:publish", mm("workshop")), NOT_ALLOWED, ORGANISERS_BAD_POST
    ),
    "matchmaking:agenda_pdf": Route(
        named("matchmaking:agenda_pdf", mm("held_workshop")),
        row(LOGIN, 200, 200, 403, 403, 403, 403, 404),
        NOT_ALLOWED,
    ),
    "matchmaking:agenda_ics": Route(
        named("matchmaking:agenda_ics", mm("held_workshop")),
        row(LOGIN, 200, 200, 403, 403, 403, 403, 404),
        NOT_ALLOWED,
    ),
    "matchmaking:table_plan": Route(
        named("matchmaking:table_plan", mm("held_workshop")), ORGANISERS, NOT_ALLOWED
    ),
    "matchmaking:agreement_list": Route(
        named("matchmaking:agreement_list", slug), MEMBERS, NOT_ALLOWED
    ),
    "matchmaking:agreement_create": Route(
        named("matchmaking:agreement_create", slug), DRAFTERS, DRAFTERS_BAD_POST
    ),
    "matchmaking:agreement_detail": Route(
        named("matchmaking:agreement_detail", mm("agreement")), AGREEMENT, NOT_ALLOWED
    ),
    "matchmaking:agreement_edit": Route(
        named("matchmaking:agreement_edit", mm("agreement")), AGREEMENT, AGREEMENT_BAD_POST
    ),
    # Organisers see the agreement but are no party: they cannot sign (403).
    "matchmaking:agreement_sign": Route(
        named("matchmaking:agreement_sign", mm("agreement")),
        NOT_ALLOWED,
        row(LOGIN, 400, 400, 404, 403, 403, 403, 400),
    ),
    # Adding an external party: an empty form is refused (400) for parties and organisers.
    "matchmaking:agreement_party_add": Route(
        named("matchmaking:agreement_party_add", mm("agreement")),
        NOT_ALLOWED,
        AGREEMENT_BAD_POST,
    ),
    # Public, gated by the token: anyone holding a valid link reads the agreement; an empty
    # signature is refused with the form's message.
    "matchmaking:sign_link": Route(
        named("matchmaking:sign_link", lambda w: {"token": w.mm.sign_token}),
        everyone(200),
        everyone(400),
    ),
    "matchmaking:agreement_pdf": Route(
        named("matchmaking:agreement_pdf", mm("agreement")), AGREEMENT, NOT_ALLOWED
    ),
}

VARIANT_ROUTES: dict[str, Route] = {
    # A forged or mangled token is not found, whoever asks.
    "matchmaking:sign_link[bad token]": Route(
        named("matchmaking:sign_link", lambda w: {"token": w.mm.sign_token[:-3] + "xyz"}),
        everyone(404),
        everyone(404),
    ),
    # A link for a revision that has since changed is refused with the reason.
    "matchmaking:sign_link[old revision]": Route(
        named("matchmaking:sign_link", lambda w: {"token": w.mm.old_sign_token}),
        everyone(400),
        everyone(400),
    ),
}

# The admin is read-only: every write goes through a service.
ADMIN_MODELS: dict = {
    "matchmaking/term": lambda w: w.mm.term,
    "matchmaking/profile": lambda w: w.mm.cci,
    "matchmaking/pick": lambda w: w.mm.pick,
    "matchmaking/workshop": lambda w: w.mm.workshop,
    "matchmaking/slot": lambda w: w.mm.held_workshop.slots.first(),
    "matchmaking/table": lambda w: w.mm.held_workshop.tables.first(),
    "matchmaking/participation": lambda w: w.mm.expert_participation,
    "matchmaking/meetingrequest": lambda w: w.mm.accepted,
    "matchmaking/scheduleversion": lambda w: w.mm.version,
    "matchmaking/agreement": lambda w: w.mm.agreement,
    "matchmaking/party": lambda w: w.mm.external,
    "matchmaking/deliverable": lambda w: w.mm.deliverable,
}
ADMIN_MODEL_EXCEPTIONS = read_only_admin(ADMIN_MODELS)


def build_world(world: SimpleNamespace) -> SimpleNamespace:
    programme, users = world.programme, world.users
    cci = profile(programme, "product design", "UX", user=users["cci"])
    company = profile(programme, "UX", "robotics", user=users["avm"])
    held_workshop = workshop(programme, actor=users["partner"])
    meeting = accepted(held_workshop, cci, company)
    open_workshop = workshop(programme, actor=users["partner"])
    pending = services.meeting_request_create(
        actor=users["cci"], workshop=open_workshop, recipient=company, reason="Hello"
    )
    run = services.schedule_run_start(actor=users["partner"], workshop=held_workshop)
    services.schedule_run_execute(run_id=run.pk)
    version = services.schedule_publish(actor=users["partner"], workshop=held_workshop)
    begin(held_workshop)  # it has started: its meetings can be marked held
    pick = services.pick_set(actor=users["partner"], company=company, candidate=cci, kind="pick")
    expert_participation = services.expert_invite(
        actor=users["partner"], workshop=held_workshop, expert=users["expert"]
    )
    # A second agreement with an external party: its first link goes stale when it is edited.
    with_external = services.agreement_create(
        actor=users["cci"], programme=programme, meeting=meeting, title="With an external expert"
    )
    external = services.agreement_party_add_external(
        actor=users["cci"],
        agreement=with_external,
        name="Erika External",
        email="erika@external.example",
        organisation_name="IP Law Office",
    )
    old_sign_token = services.sign_link_token(external, revision=with_external.revision)
    with_external = services.agreement_update(
        actor=users["cci"],
        agreement=with_external,
        goals="Agree on licences.",
        deliverables=[("Licence draft", timezone.localdate())],
    )
    challenge = getattr(getattr(world, "challenges", None), "challenge", None)
    if challenge is None:
        from tests.challenges.factories import open_challenge

        challenge = open_challenge(programme, owner=users["avm"], translator=users["expert"])
    world.mm = SimpleNamespace(
        cci=cci,
        company=company,
        workshop=open_workshop,
        held_workshop=held_workshop,
        pending=pending,
        accepted=meeting,
        term=cci.terms.first(),
        agreement=services.agreement_create(
            actor=users["cci"], programme=programme, meeting=meeting
        ),
        version=version,
        run=run,
        pick=pick,
        expert_participation=expert_participation,
        external=external,
        deliverable=with_external.deliverables.first(),
        sign_token=services.sign_link_token(external, revision=with_external.revision),
        old_sign_token=old_sign_token,
        challenge=challenge,
    )
    return world
