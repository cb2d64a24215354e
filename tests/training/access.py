"""Access declarations of the training app, in the format of tests/test_access_matrix.py.

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
``build_world`` adds the objects these routes address as ``world.training``.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from collider.enums import RegistrationStatus
from collider.models import Registration
from tests.access import LOGIN, Route, everyone, named, read_only_admin, row, to
from training.models import Certificate

from .factories import (
    FileMaterialFactory,
    FileOutputFactory,
    MaterialFactory,
    ModuleFactory,
    SessionFactory,
    VisitFactory,
    past_event_kwargs,
)

PUBLIC = everyone(200)
NOT_ALLOWED = everyone(405)
MANAGE_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
MANAGE_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)
LIBRARY_GET = row(LOGIN, 200, 200, 200, 200, 200, 403, 200)
# The admin (a superuser) holds every permission, so "learn" pages open for them too.
LEARN_GET = row(LOGIN, 200, 200, 403, 403, 403, 403, 200)


def t(w) -> SimpleNamespace:
    return w.training


def slug(w):
    return {"slug": w.programme.slug}


TO_MY_LEARNING = to("training:my_learning", slug)


def with_pk(attribute: str):
    return lambda w: {"slug": w.programme.slug, "pk": getattr(t(w), attribute).pk}


MODULE = with_pk("module")
SESSION = with_pk("session")
VISIT = with_pk("visit")
PAST = with_pk("past")

ROUTES: dict[str, Route] = {
    # The catalogue is as public as the programme; partners edit it.
    "training:module_list": Route(named("training:module_list", slug), PUBLIC, NOT_ALLOWED),
    "training:module_create": Route(
        named("training:module_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "training:module_detail": Route(named("training:module_detail", MODULE), PUBLIC, NOT_ALLOWED),
    "training:module_edit": Route(
        named("training:module_edit", MODULE), MANAGE_GET, MANAGE_BAD_POST
    ),
    "training:session_create": Route(
        named("training:session_create", MODULE), MANAGE_GET, MANAGE_BAD_POST
    ),
    # A members-only session: a login prompt for visitors, hidden from other programmes.
    "training:session_detail": Route(
        named("training:session_detail", SESSION),
        row(LOGIN, 200, 200, 200, 200, 200, 404, 200),
        NOT_ALLOWED,
    ),
    # A company visit needs the confidentiality confirmation: an empty POST is refused.
    "training:session_register": Route(
        named("training:session_register", VISIT),
        NOT_ALLOWED,
        row(LOGIN, 400, 400, 400, 400, 400, 403, 400),
    ),
    "training:output_add": Route(named("training:output_add", PAST), NOT_ALLOWED, MANAGE_BAD_POST),
    # Only the CCI participant attended the past session, so only they may give feedback.
    "training:feedback": Route(
        named("training:feedback", PAST),
        row(LOGIN, 200, 403, 403, 403, 403, 403, 403),
        row(LOGIN, 400, 403, 403, 403, 403, 403, 403),
    ),
    "training:output_file": Route(
        named("training:output_file", with_pk("output")), LIBRARY_GET, NOT_ALLOWED
    ),
    "training:material_list": Route(
        named("training:material_list", slug), LIBRARY_GET, NOT_ALLOWED
    ),
    "training:material_create": Route(
        named("training:material_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "training:material_file": Route(
        named("training:material_file", with_pk("file_material")), LIBRARY_GET, NOT_ALLOWED
    ),
    # An empty POST marks the item done and returns to the library.
    "training:material_done": Route(
        named("training:material_done", with_pk("material")),
        NOT_ALLOWED,
        row(
            LOGIN,
            to("training:material_list", slug),
            to("training:material_list", slug),
            403,
            403,
            403,
            403,
            to("training:material_list", slug),
        ),
    ),
    "training:my_learning": Route(named("training:my_learning", slug), LEARN_GET, NOT_ALLOWED),
    # The CCI participant holds a certificate; the AVM participant and the admin have none and
    # go back to "my learning" with a message. Issuing is a POST (nothing to certify for the
    # AVM participant and the admin, who attended nothing: a message on "my learning" too).
    "training:certificate_pdf": Route(
        named("training:certificate_pdf", slug),
        row(LOGIN, 200, TO_MY_LEARNING, 403, 403, 403, 403, TO_MY_LEARNING),
        NOT_ALLOWED,
    ),
    "training:certificate_issue": Route(
        named("training:certificate_issue", slug),
        NOT_ALLOWED,
        row(LOGIN, TO_MY_LEARNING, TO_MY_LEARNING, 403, 403, 403, 403, TO_MY_LEARNING),
    ),
    "training:certificate_verify": Route(named("training:certificate_verify"), PUBLIC, NOT_ALLOWED),
}

VARIANT_ROUTES: dict[str, Route] = {
    "training:module_detail[foreign]": Route(
        named("training:module_detail", with_pk("foreign_module")), everyone(404), NOT_ALLOWED
    ),
    "training:module_edit[foreign]": Route(
        named("training:module_edit", with_pk("foreign_module")),
        row(LOGIN, 403, 403, 403, 403, 404, 403, 404),
        row(LOGIN, 403, 403, 403, 403, 404, 403, 404),
    ),
    "training:session_detail[foreign]": Route(
        named("training:session_detail", with_pk("foreign_session")),
        row(LOGIN, 404, 404, 404, 404, 404, 404, 404),
        NOT_ALLOWED,
    ),
    "training:material_file[foreign]": Route(
        named("training:material_file", with_pk("foreign_material")),
        row(LOGIN, 404, 404, 404, 404, 404, 403, 404),
        NOT_ALLOWED,
    ),
    "training:certificate_verify[code]": Route(
        lambda w: named("training:certificate_verify")(w) + f"?code={t(w).certificate.code}",
        PUBLIC,
        NOT_ALLOWED,
    ),
}

ADMIN_MODELS = {
    "training/module": lambda w: t(w).module,
    "training/session": lambda w: t(w).session,
    "training/material": lambda w: t(w).material,
    "training/certificate": lambda w: t(w).certificate,
}
# Read-only: every write goes through a service.
ADMIN_MODEL_EXCEPTIONS = read_only_admin(ADMIN_MODELS)


def build_world(world: SimpleNamespace) -> SimpleNamespace:
    """Add the training objects the routes above address, as ``world.training``."""
    programme, other = world.programme, world.other_programme
    cci = world.users["cci"]
    module = ModuleFactory(programme=programme)
    past = SessionFactory(
        module=module,
        event__programme=programme,
        **{f"event__{key}": value for key, value in past_event_kwargs().items()},
    )
    Registration.objects.create(
        event=past.event,
        user=cci,
        name=cci.display_name,
        email=cci.email,
        status=RegistrationStatus.CONFIRMED,
        attended=True,
        attendance_marked_at=past.event.starts_at + timedelta(hours=1),
    )
    foreign_module = ModuleFactory(programme=other)
    world.training = SimpleNamespace(
        module=module,
        session=SessionFactory(module=module),
        visit=VisitFactory(module=module),
        past=past,
        output=FileOutputFactory(session=past),
        material=MaterialFactory(programme=programme),
        file_material=FileMaterialFactory(programme=programme),
        foreign_module=foreign_module,
        foreign_session=SessionFactory(module=foreign_module),
        foreign_material=FileMaterialFactory(programme=other),
        certificate=Certificate.objects.create(
            programme=programme,
            user=cci,
            holder_name=cci.display_name,
            sessions=[{"title": past.event.title, "dimension": "Technology", "date": "2026-01-01"}],
            issued_at=timezone.now(),
        ),
    )
    return world
