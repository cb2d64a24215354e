"""Every write of the training app. Keyword-only, annotated, atomic, named ``<entity>_<action>``.

Sessions and company visits are collider events: enrolment, waitlist, reminders and attendance
use the core's services (registration_create, registration_cancel, attendance_mark).
"""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collider import services as core
from collider.enums import EventKind, MembershipStatus, Phase, RegistrationStatus, Role, Sector
from collider.models import Membership, Programme, Registration, User

from .actions import SESSION_REGISTER
from .enums import OutputKind
from .models import (
    Certificate,
    Feedback,
    Material,
    MaterialCompletion,
    Module,
    Session,
    SessionOutput,
    VisitConfirmation,
)
from .selectors import attended_sessions_for

SESSION_KINDS = (EventKind.TRAINING_SESSION, EventKind.COMPANY_VISIT)


def _check_trainers(programme: Programme, trainers) -> list[User]:
    trainers = list(trainers or [])
    experts = set(
        Membership.objects.filter(
            programme=programme,
            role=Role.EXPERT,
            status=MembershipStatus.APPROVED,
            user__in=trainers,
        ).values_list("user_id", flat=True)
    )
    if any(trainer.pk not in experts for trainer in trainers):
        raise ValidationError({"trainers": _("Trainers must be expert members of the programme.")})
    return trainers


@transaction.atomic
def module_create(*, actor: User, programme: Programme, trainers=(), **fields) -> Module:
    trainers = _check_trainers(programme, trainers)
    with set_actor(actor):
        module = Module(programme=programme, **fields)
        module.full_clean()
        module.save()
        module.trainers.set(trainers)
    return module


@transaction.atomic
def module_update(*, actor: User, module: Module, trainers=None, **fields) -> Module:
    with set_actor(actor):
        for name, value in fields.items():
            setattr(module, name, value)
        module.full_clean()
        module.save()
        if trainers is not None:
            module.trainers.set(_check_trainers(module.programme, trainers))
    return module


@transaction.atomic
def session_create(
    *,
    actor: User,
    module: Module,
    kind: str,
    safety_rules: str = "",
    photo_policy: str = "",
    confidentiality_text: str = "",
    virtual_tour_url: str = "",
    **event_fields,
) -> Session:
    """Schedule a session of ``module``: a core event of ``kind`` plus the training details.

    A company visit is hosted by an AVM organisation and needs a confidentiality text that
    visitors confirm when they register.
    """
    if kind not in SESSION_KINDS:
        raise ValidationError({"kind": _("Choose a training session or a company visit.")})
    if kind == EventKind.COMPANY_VISIT:
        host = event_fields.get("host_organisation")
        errors = {}
        if host is None or host.sector != Sector.AVM:
            errors["host_organisation"] = _("A company visit is hosted by an AVM organisation.")
        if not confidentiality_text.strip():
            errors["confidentiality_text"] = _(
                "Write the confidentiality text visitors confirm when they register."
            )
        if errors:
            raise ValidationError(errors)
    event = core.event_create(
        actor=actor,
        programme=module.programme,
        kind=kind,
        phase=Phase.SHARE,
        **event_fields,
    )
    with set_actor(actor):
        session = Session(
            event=event,
            module=module,
            safety_rules=safety_rules,
            photo_policy=photo_policy,
            confidentiality_text=confidentiality_text,
            virtual_tour_url=virtual_tour_url,
        )
        session.full_clean()
        session.save()
    return session


def _sector_of(user: User, programme: Programme) -> str:
    membership = Membership.objects.filter(
        programme=programme, user=user, role=Role.PARTICIPANT, status=MembershipStatus.APPROVED
    ).first()
    return membership.sector if membership else ""


@SESSION_REGISTER.performs
def session_register(
    *, user: User, session: Session, confidentiality_confirmed: bool = False
) -> Registration:
    """Enrol ``user``: a seat if free, else the waitlist (the core's registration service);
    the declaration checks that they are a member and that enrolment is open for them.

    For a company visit the confidentiality confirmation is required and recorded with the
    registration. Side effects: the core's confirmation or waitlist e-mail and reminders.
    """
    if session.is_visit and not confidentiality_confirmed:
        raise ValidationError(
            {"confirm": _("Please confirm the confidentiality rules of this visit.")}
        )
    programme = session.event.programme
    registration = core.registration_create(
        event=session.event, user=user, sector=_sector_of(user, programme)
    )
    if session.is_visit:
        VisitConfirmation.objects.update_or_create(
            registration=registration, defaults={"text": session.confidentiality_text}
        )
    return registration


@transaction.atomic
def session_output_add(
    *,
    actor: User,
    session: Session,
    kind: str,
    title: str,
    file: UploadedFile | None = None,
    content_type: str = "",
    url: str = "",
    alt_text: str = "",
) -> SessionOutput:
    """Archive an output of a session that has taken place (files checked by the form)."""
    if not session.event.is_past:
        raise ValidationError(_("Outputs are archived after the session has taken place."))
    with set_actor(actor):
        output = SessionOutput(
            session=session,
            kind=kind,
            title=title,
            url=url if kind == OutputKind.RECORDING else "",
            alt_text=alt_text,
            uploaded_by=actor,
        )
        if kind != OutputKind.RECORDING:
            if file is None:
                raise ValidationError({"file": _("Choose a file to upload.")})
            output.file = file
            output.content_type = content_type
            output.size = file.size
        output.full_clean()
        output.save()
    return output


@transaction.atomic
def session_output_delete(*, actor: User, output: SessionOutput) -> None:
    with set_actor(actor):
        if output.file:
            output.file.delete(save=False)
        output.delete()


def feedback_request_schedule(*, registration: Registration) -> None:
    """Ask an attendee for feedback (a reflection for visits) through the outbox, once."""
    core.notification_send(
        kind="training_feedback_request",
        recipient=registration.user,
        email=registration.email,
        language=registration.language,
        programme=registration.event.programme,
        target=registration,
        context={"registration_id": registration.pk},
        dedupe_key=f"training-feedback-request:{registration.pk}",
    )


@transaction.atomic
def feedback_submit(
    *,
    user: User,
    session: Session,
    rating: int,
    comment: str = "",
    learned: str = "",
    idea: str = "",
) -> Feedback:
    """Record the feedback of a participant who attended (one per registration)."""
    registration = Registration.objects.filter(
        event=session.event, user=user, status=RegistrationStatus.CONFIRMED, attended=True
    ).first()
    if registration is None:
        raise PermissionDenied(_("Only people who attended can give feedback."))
    if Feedback.objects.filter(registration=registration).exists():
        raise ValidationError(_("You have already given feedback on this session."))
    with set_actor(user):
        feedback = Feedback(
            registration=registration, rating=rating, comment=comment, learned=learned, idea=idea
        )
        feedback.full_clean()
        feedback.save()
    return feedback


@transaction.atomic
def material_create(
    *,
    actor: User,
    programme: Programme,
    file: UploadedFile | None = None,
    content_type: str = "",
    **fields,
) -> Material:
    """Add a library item: a link or an uploaded file (type and size checked by the form)."""
    with set_actor(actor):
        material = Material(programme=programme, created_by=actor, **fields)
        if file is not None:
            material.file = file
            material.content_type = content_type
            material.size = file.size
            material.url = ""
        material.full_clean()
        material.save()
    return material


@transaction.atomic
def material_complete(*, user: User, material: Material, done: bool = True) -> bool:
    """Mark a library item done (or not done) for ``user``. Returns the new state."""
    if done:
        MaterialCompletion.objects.get_or_create(material=material, user=user)
    else:
        MaterialCompletion.objects.filter(material=material, user=user).delete()
    return done


@transaction.atomic
def certificate_issue(*, user: User, programme: Programme) -> Certificate:
    """Issue (or refresh) ``user``'s certificate of attendance in ``programme``.

    The code stays the same across refreshes; the list of sessions is what the user has been
    marked present at so far. Without any attended session there is nothing to certify.
    """

    rows = [
        {
            "title": session.event.title,
            "module": session.module.title,
            "dimension": session.module.get_dimension_display(),
            "kind": session.event.get_kind_display(),
            "date": session.event.starts_at.date().isoformat(),
        }
        for session in attended_sessions_for(user=user, programme=programme)
    ]
    if not rows:
        raise ValidationError(_("You have not attended a training session yet."))
    with set_actor(user):
        certificate, created = Certificate.objects.select_for_update().get_or_create(
            programme=programme,
            user=user,
            defaults={
                "holder_name": user.display_name,
                "sessions": rows,
                "issued_at": timezone.now(),
            },
        )
        if not created and (
            certificate.sessions != rows or certificate.holder_name != user.display_name
        ):
            certificate.sessions = rows
            certificate.holder_name = user.display_name
            certificate.issued_at = timezone.now()
            certificate.save()
    return certificate
