"""The core's personal data: its own models and those of the libraries it installs."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..enums import RegistrationStatus
from ..models import NoticeAcceptance, PrivacyNotice, Registration
from ..registry import register_demo_builder
from . import (
    BLANK,
    DELETE,
    ERASED_EMAIL,
    NULL,
    PSEUDONYM,
    SELF,
    ConsentLine,
    Obligation,
    PersonalData,
    RetentionRule,
    acted,
    declare,
    not_personal,
    register_consents,
    register_obligations,
    register_retention,
)

ACCOUNT_KEPT = gettext_lazy(
    "Kept under your pseudonym, so the programme's records stay complete; the link to you is gone."
)

declare(
    PersonalData(
        "collider.User",
        gettext_lazy("Account"),
        subject=(SELF,),
        scrub={
            "first_name": PSEUDONYM,
            "last_name": PSEUDONYM,
            "email": ERASED_EMAIL,
            "phone": BLANK,
            "job_title": BLANK,
        },
        exclude=("password", "calendar_token"),
        note=gettext_lazy(
            "Name, e-mail, phone and job title are replaced by a pseudonym; you can no longer "
            "log in."
        ),
    ),
    PersonalData(
        "collider.Organisation",
        gettext_lazy("Organisations"),
        subject=("members",),
        organisation=(SELF,),
        note=gettext_lazy(
            "The organisation stays and you are no longer one of its members; one that is "
            "yours alone and bears your name is renamed after your pseudonym."
        ),
    ),
    PersonalData(
        "collider.OrganisationMember",
        gettext_lazy("Organisation memberships"),
        subject=("user",),
        organisation=("organisation",),
        erase=DELETE,
        note=gettext_lazy("Deleted: you no longer act for the organisation."),
    ),
    PersonalData(
        "collider.Membership",
        gettext_lazy("Programme roles and applications"),
        subject=("user",),
        actors=("decided_by",),
        organisation=("organisation",),
        scrub={"motivation": BLANK, "decision_note": BLANK},
        note=gettext_lazy(
            "Kept under your pseudonym (the programme counts its participants); your motivation "
            "and the note on the decision are removed."
        ),
    ),
    PersonalData(
        "collider.OrganisationInvitation",
        gettext_lazy("Invitations to organisations"),
        emails=("email",),
        actors=("invited_by", "accepted_by"),
        organisation=("organisation",),
        scrub={"email": ERASED_EMAIL, "message": BLANK},
        exclude=("token",),
        note=gettext_lazy("Your address and the personal message are removed."),
    ),
    PersonalData(
        "collider.Invitation",
        gettext_lazy("Invitations"),
        emails=("email",),
        actors=("invited_by", "accepted_by"),
        organisation=("organisation",),
        scrub={"email": ERASED_EMAIL, "message": BLANK},
        exclude=("token",),
        note=gettext_lazy("Your address and the personal message are removed."),
    ),
    PersonalData(
        "collider.Event",
        gettext_lazy("Events you created"),
        actors=("created_by",),
        organisation=("host_organisation",),
        note=ACCOUNT_KEPT,
    ),
    PersonalData(
        "collider.Registration",
        gettext_lazy("Event registrations"),
        subject=("user",),
        emails=("email",),
        scrub={"name": PSEUDONYM, "email": ERASED_EMAIL, "organisation_name": BLANK},
        exclude=("token",),
        note=gettext_lazy(
            "Kept for the attendance figures; name, e-mail and organisation are replaced."
        ),
    ),
    PersonalData(
        "collider.Reminder",
        gettext_lazy("E-mails sent or due to you"),
        subject=("recipient",),
        emails=("email",),
        exclude=("context", "dedupe_key", "last_error"),
        erase=DELETE,
        note=gettext_lazy("Deleted: nothing more is sent to you."),
    ),
    PersonalData(
        "collider.ExportJob",
        gettext_lazy("Your downloads"),
        subject=("user",),
        exclude=("file", "params"),
        erase=DELETE,
        note=gettext_lazy("Deleted with their files."),
    ),
    acted("collider.PrivacyNotice", gettext_lazy("Privacy notices you published"), "published_by"),
    PersonalData(
        "collider.NoticeAcceptance",
        gettext_lazy("Privacy notice acceptances"),
        subject=("user",),
        note=gettext_lazy("Kept as the record of what was accepted, under your pseudonym."),
    ),
    PersonalData(
        "collider.ErasureRequest",
        gettext_lazy("Erasure requests"),
        subject=("user",),
        actors=("requested_by",),
        scrub={"note": BLANK},
        note=gettext_lazy("Kept as the record that the erasure was carried out."),
    ),
    # Libraries' models.
    PersonalData(
        "account.EmailAddress",
        gettext_lazy("E-mail addresses"),
        subject=("user",),
        erase=DELETE,
        note=gettext_lazy("Deleted."),
    ),
    PersonalData(
        "mfa.Authenticator",
        gettext_lazy("Two-factor authentication"),
        subject=("user",),
        exclude=("data",),
        erase=DELETE,
        note=gettext_lazy("Deleted."),
    ),
    PersonalData(
        "auditlog.LogEntry",
        gettext_lazy("Activity log"),
        actors=("actor",),
        scrub={"remote_addr": NULL, "actor_email": NULL},
        keep={"object_repr": gettext_lazy("Your name and e-mail in it are replaced.")},
        exclude=("serialized_data",),
        note=gettext_lazy(
            "Entries stay as the programme's history; your IP addresses, e-mail and name in "
            "them are removed."
        ),
    ),
    acted("admin.LogEntry", gettext_lazy("Administration log"), "user"),
    PersonalData(
        "collider.ActivityEntry",
        gettext_lazy("What you did in programmes"),
        actors=("actor",),
        keep={"object_repr": gettext_lazy("Your name and e-mail in it are replaced.")},
        note=gettext_lazy(
            "Entries stay as the programme's history, under your pseudonym; your name and e-mail "
            "in them are replaced."
        ),
    ),
)

not_personal(
    "collider.Organisation.name",
    "collider.Programme.name",
    "collider.Programme.contact_email",  # the programme's published contact address
    "collider.Event.address",  # a venue's address
    "auth.Permission.name",
    "auth.Group.name",
    "sites.Site.name",
    "contenttypes.ContentType.app_label",
)


@register_consents
def _notice_consents(user):
    acceptances = NoticeAcceptance.objects.filter(user=user).select_related("notice")
    for acceptance in acceptances:
        yield ConsentLine(
            kind=gettext_lazy("Privacy notice"),
            what=_("Version %(version)s") % {"version": acceptance.notice.version},
            given_at=acceptance.accepted_at,
            basis=gettext_lazy("Accepted"),
            url=reverse("collider:privacy_notice"),
        )


@register_obligations
def _upcoming_registrations(user):
    upcoming = Registration.objects.filter(
        user=user,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        event__starts_at__gt=timezone.now(),
    ).select_related("event__programme")
    for registration in upcoming:
        event = registration.event
        yield Obligation(
            title=_("Registration for “%(event)s” on %(date)s")
            % {"event": event.title, "date": date_format(timezone.localtime(event.starts_at))},
            consequence=_(
                "The place stays booked under your pseudonym and the organisers can no longer "
                "reach you: cancel the registration first if you will not come."
            ),
            url=event.get_absolute_url(),
        )


def _guest_registrations(cutoff) -> int:
    from .services import erased_address, not_erased

    rows = Registration.objects.filter(Q(user__isnull=True) & not_erased("email")).filter(
        event__ends_at__lt=cutoff
    )
    return rows.update(
        name=_("Anonymised guest"),
        email=erased_address("guest", "pk"),
        organisation_name="",
    )


register_retention(
    RetentionRule(
        key="guest_registrations",
        label=gettext_lazy("Guest registrations (days after the event)"),
        setting="PRIVACY_RETENTION_GUEST_DAYS",
        apply=_guest_registrations,
        order=10,
    )
)


DEMO_NOTICE = """Who we are: the tandem partners of the programmes on this platform run it \
together; the platform's operator is responsible for the data it holds.

What we keep: your name, e-mail address, phone and job title; your organisation; what you do in a \
programme (applications, registrations, ideas, reviews, meetings, agreements, check-ins); the \
files you upload; and a log of changes with the IP address they came from.

Why: to run the programmes you take part in (contract), and to report to the programmes' funders \
(legal obligation). Contacts in a tandem's contact database are kept with their consent or the \
partners' legitimate interest, which is recorded with each contact.

How long: while you take part, and until you ask for erasure. Guests' registrations, checklist \
respondents' contact details and contacts without consent are anonymised after the periods the \
operator has set.

Your rights: on "Your data and privacy" you download everything we hold about you and ask for \
erasure. Erasure replaces your name by a pseudonym; the programmes' records stay, and a signed \
agreement keeps the name as it was signed."""


def _demo_notice(*, programme, people, stdout) -> None:
    notice, _created = PrivacyNotice.objects.get_or_create(
        version=1, defaults={"body": DEMO_NOTICE, "published_by": people.admin}
    )
    everyone = [
        people.admin,
        *people.partners,
        people.facilitator,
        people.expert,
        *people.cci,
        *people.avm,
    ]
    for user in everyone:
        if user is not None:
            NoticeAcceptance.objects.get_or_create(user=user, notice=notice)


register_demo_builder(_demo_notice, order=5)
