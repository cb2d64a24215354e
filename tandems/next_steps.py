"""What the tandem app asks of partners on their dashboard."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collider.enums import Role
from collider.registry import NextStep
from collider.rules import organisation_ids_as

from .enums import TaskStatus
from .models import CharterConfirmation, CharterVersion, TandemPartner, Task
from .rules import partner_programme_ids


def _facts(user) -> dict[int, dict]:
    """Per partner programme of ``user``: partners, latest charter version and who confirmed
    it, the user's organisations and overdue tasks. Loaded once for all programmes (a fixed
    number of queries) and cached on the user object, because the dashboard asks per programme.
    """
    cached = getattr(user, "_tandem_facts", None)
    if cached is not None:
        return cached
    ids = partner_programme_ids(user)
    facts = {
        pk: {"partners": {}, "version": None, "confirmed": set(), "own": set(), "overdue": 0}
        for pk in ids
    }
    if ids:
        for programme_id, pk, organisation_id in TandemPartner.objects.filter(
            programme_id__in=ids
        ).values_list("programme_id", "pk", "organisation_id"):
            facts[programme_id]["partners"][pk] = organisation_id
        for programme_id, pk, number in (
            CharterVersion.objects.filter(programme_id__in=ids)
            .order_by("programme_id", "number")
            .values_list("programme_id", "pk", "number")
        ):
            facts[programme_id]["version"] = (pk, number)  # the last one wins: the newest
        latest = {f["version"][0]: pid for pid, f in facts.items() if f["version"]}
        for version_id, partner_id in CharterConfirmation.objects.filter(
            version_id__in=latest
        ).values_list("version_id", "partner_id"):
            facts[latest[version_id]]["confirmed"].add(partner_id)
        for programme_id in ids:
            facts[programme_id]["own"] = organisation_ids_as(user, Role.PARTNER, programme_id)
        overdue = (
            Task.objects.filter(
                programme_id__in=ids, assignee=user, due_on__lt=timezone.localdate()
            )
            .exclude(status=TaskStatus.DONE)
            .values("programme_id")
            .annotate(n=Count("pk"))
        )
        for row in overdue:
            facts[row["programme_id"]]["overdue"] = row["n"]
    user._tandem_facts = facts
    return facts


def next_steps(*, user, programme, roles):
    if Role.PARTNER not in roles:
        return []
    fact = _facts(user).get(programme.pk)
    if fact is None:
        return []
    steps = []
    if not fact["partners"]:
        steps.append(
            NextStep(
                title=_("Set up the tandem"),
                url=reverse("tandems:tandem_detail", args=[programme.slug]),
                reason=_("Add the partner organisations with their roles and competences."),
                priority=5,
            )
        )
    elif fact["version"]:
        missing_own = [
            pk
            for pk, organisation_id in fact["partners"].items()
            if organisation_id in fact["own"] and pk not in fact["confirmed"]
        ]
        if missing_own:
            steps.append(
                NextStep(
                    title=_("Confirm charter version %(n)s") % {"n": fact["version"][1]},
                    url=reverse("tandems:charter", args=[programme.slug]),
                    reason=_("Every partner organisation confirms each version of the charter."),
                    priority=6,
                )
            )
    if fact["overdue"]:
        steps.append(
            NextStep(
                title=ngettext("%(n)s overdue task", "%(n)s overdue tasks", fact["overdue"])
                % {"n": fact["overdue"]},
                url=reverse("tandems:task_list", args=[programme.slug]) + "?overdue=on",
                reason=_("Tasks assigned to you are past their due date."),
                priority=8,
            )
        )
    return steps
