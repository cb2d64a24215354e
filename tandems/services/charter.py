"""Writes of the charter: versions and confirmations."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from collider import services as core
from collider.models import Programme, User
from collider.rules import require
from collider.versioning import ensure_current

from .. import selectors
from ..actions import CHARTER_CONFIRM
from ..models import (
    CharterConfirmation,
    CharterVersion,
    TandemPartner,
)

# --- Charter ----------------------------------------------------------------------------------


@transaction.atomic
def charter_version_create(
    *,
    actor: User,
    programme: Programme,
    change_note: str = "",
    based_on: str | None = None,
    **sections: str,
) -> CharterVersion:
    """Save an edit of the charter as its next version, which needs every partner's
    confirmation again. ``based_on`` is the version number the edit started from: an edit of
    an older version is refused (StaleEdit). Side effects: e-mails partner staff that a
    confirmation is needed."""
    require(actor, "tandems.manage_tandem", programme)
    # Lock the programme row so two simultaneous edits do not take the same number.
    Programme.objects.select_for_update().get(pk=programme.pk)
    latest = CharterVersion.objects.filter(programme=programme).order_by("-number").first()
    if latest is not None:
        # The refusal links to the differences between the version edited and the current one.
        ensure_current(
            latest,
            based_on,
            url=latest.get_absolute_url()
            + (
                f"?{urlencode({'from': based_on, 'to': latest.number})}#diff-heading"
                if based_on
                else ""
            ),
        )
    if latest is not None and all(
        getattr(latest, name) == sections.get(name, "") for name, _label in CharterVersion.SECTIONS
    ):
        raise ValidationError(
            _("Nothing changed; the charter stays at version %(n)s.") % {"n": latest.number}
        )
    with set_actor(actor):
        version = CharterVersion(
            programme=programme,
            number=(latest.number + 1) if latest else 1,
            change_note=change_note,
            created_by=actor,
            **sections,
        )
        version.full_clean()
        version.save()
    for membership in selectors.partner_staff(programme=programme):
        if membership.user_id == actor.pk:
            continue
        core.notification_send(
            kind="tandems_charter_changed",
            recipient=membership.user,
            programme=programme,
            target=version,
            context={},
            dedupe_key=f"tandems-charter:{version.pk}:{membership.user_id}",
        )
    return version


@CHARTER_CONFIRM.performs
def charter_confirm(
    *, actor: User, version: CharterVersion, partner: TandemPartner
) -> CharterConfirmation:
    """``actor`` confirms the latest charter version on behalf of their own organisation (the
    declaration checks that it is theirs)."""
    if partner.programme_id != version.programme_id:
        raise ValidationError(_("This organisation is not a partner of this programme."))
    latest = (
        CharterVersion.objects.select_for_update()
        .filter(programme_id=version.programme_id)
        .order_by("-number")
        .first()
    )
    if latest.pk != version.pk:
        raise ValidationError(_("Only the latest version of the charter can be confirmed."))
    with set_actor(actor):
        try:
            with transaction.atomic():
                confirmation = CharterConfirmation.objects.create(
                    version=version, partner=partner, confirmed_by=actor
                )
        except IntegrityError as error:
            raise ValidationError(
                _("%(org)s has already confirmed version %(n)s.")
                % {"org": partner, "n": version.number}
            ) from error
    return confirmation
