"""The action declarations (collider.actions): the rule, the guard, the entry, the buttons, the
POST view, the timeline and the generated test, on two actions this module declares on events."""

import pytest
import rules
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from collider import actions
from collider.actions import Action, activity_text, available_actions
from collider.enums import EventStatus, Role
from collider.models import ActivityEntry, Event
from collider.rules import can_manage_event
from collider.selectors import ActivityTimeline
from tests.actions import check_actions
from tests.factories import EventFactory, ProgrammeFactory, UserFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.collider.action_urls")]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=200)


def _url(event, verb):
    return reverse("test_event_action", args=[event.pk, verb])


def _cancel(*, actor, event):
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status"])
    return event


def _reopen(*, actor, event, reason):
    if reason == "no":
        raise ValidationError({"reason": "Give a real reason."})
    event.status = EventStatus.SCHEDULED
    event.save(update_fields=["status"])
    return event


@pytest.fixture
def declared():
    # The core's own "cancel" button on events steps aside while these stand-ins are declared.
    from collider.core_actions import EVENT_CANCEL

    actions.forget(EVENT_CANCEL)
    cancel = Action(
        "tests.event_cancel",
        model=Event,
        who=can_manage_event,
        from_states=(EventStatus.SCHEDULED,),
        to_state=EventStatus.CANCELLED,
        verb="cancel",
        label="Cancel the event",
        doing="cancel",
        done="Event cancelled.",
        denied="Only partners cancel events.",
        confirm="Cancel it?",
        style="outline-danger",
        log="Event “%(object)s” cancelled by %(actor)s",
        url=_url,
    )
    reopen = Action(
        "tests.event_reopen",
        model=Event,
        who=can_manage_event,
        from_states=(EventStatus.CANCELLED,),
        to_state=EventStatus.SCHEDULED,
        verb="reopen",
        label="Reopen",
        denied="Only partners reopen events.",
        form=ReasonForm,
        log_data=("reason",),
        log="%(actor)s reopened “%(object)s”: %(reason)s",
        url=_url,
    )
    services = {"cancel": cancel.performs(_cancel), "reopen": reopen.performs(_reopen)}
    yield cancel, reopen, services
    actions.forget(cancel)
    actions.forget(reopen)
    actions.declare_again(EVENT_CANCEL)


@pytest.fixture
def event(programme):
    return EventFactory(programme=programme)


@pytest.fixture
def participant(programme):
    return member(programme, Role.PARTICIPANT)


def test_action_rule_combines_role_and_state(declared, event, partner, participant):
    cancel, _reopen, _services = declared
    cancelled = EventFactory(programme=event.programme, status=EventStatus.CANCELLED)

    assert [
        cancel.allows(partner, event),
        cancel.allows(participant, event),
        cancel.allows(partner, cancelled),
        partner.has_perm("tests.event_cancel", event),
        partner.has_perm("tests.event_cancel", cancelled),
    ] == [True, False, False, True, False]


def test_action_refusal_names_the_person_before_the_state(declared, event, participant, partner):
    cancel, _reopen, _services = declared
    cancelled = EventFactory(programme=event.programme, status=EventStatus.CANCELLED)

    by_role = cancel.refusal(participant, cancelled)
    by_state = cancel.refusal(partner, cancelled)

    assert isinstance(by_role, PermissionDenied)
    assert str(by_role) == "Only partners cancel events."
    assert isinstance(by_state, ValidationError)
    assert by_state.messages == ["Cannot cancel: the event is “Cancelled” (expected: Scheduled)."]
    assert cancel.refusal(partner, event) is None


def test_action_service_guard_refuses_and_writes_nothing(declared, event, participant):
    _cancel_action, _reopen, services = declared

    with pytest.raises(PermissionDenied, match=r"Only partners cancel events\."):
        services["cancel"](actor=participant, event=event)

    event.refresh_from_db()
    assert (event.status, ActivityEntry.objects.count()) == (EventStatus.SCHEDULED, 0)


def test_action_service_records_one_semantic_entry(declared, event, partner):
    _cancel_action, _reopen, services = declared

    services["cancel"](actor=partner, event=event)

    entry = ActivityEntry.objects.get()
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert (entry.action, entry.actor, entry.programme, entry.target) == (
        "tests.event_cancel",
        partner,
        event.programme,
        event,
    )
    assert activity_text(entry) == f"Event “{event.title}” cancelled by {partner.display_name}"


def test_action_service_refused_in_its_body_rolls_the_entry_back(declared):
    _cancel_action, _reopen, services = declared
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    admin = UserFactory(is_superuser=True)

    with pytest.raises(ValidationError):
        services["reopen"](actor=admin, event=cancelled, reason="no")

    assert ActivityEntry.objects.count() == 0


def test_activity_text_quotes_logged_data_and_survives_unknown_actions(declared):
    _cancel_action, _reopen, services = declared
    cancelled = EventFactory(status=EventStatus.CANCELLED, title="Pitch night")
    admin = UserFactory(is_superuser=True, first_name="Ada", last_name="Admin")
    services["reopen"](actor=admin, event=cancelled, reason="The hall is free again")
    entry = ActivityEntry.objects.get()
    orphan = ActivityEntry(action="gone.thing_done", object_repr="Old", actor=None, data={"x": "1"})

    assert activity_text(entry) == (
        f"{admin.display_name} reopened “Pitch night”: The hall is free again"
    )
    with translation.override("en"):
        assert activity_text(orphan) == "Someone: gone.thing_done on “Old”"


def test_available_actions_are_those_the_rule_allows(declared, event, partner, participant):
    cancel, reopen, _services = declared
    cancelled = EventFactory(programme=event.programme, status=EventStatus.CANCELLED)

    assert [a.action for a in available_actions(partner, event)] == [cancel]
    assert [a.action for a in available_actions(partner, cancelled)] == [reopen]
    assert available_actions(participant, event) == []
    assert available_actions(partner, event, only=["reopen"]) == []
    assert [a.url for a in available_actions(partner, event)] == [_url(event, "cancel")]


def test_action_buttons_render_one_post_form_per_action(declared, event, partner):
    request = RequestFactory().get("/")
    request.user = partner
    template = Template("{% load collider_tags %}{% action_buttons event named=True %}")

    html = template.render(Context({"request": request, "event": event, "csrf_token": "x" * 32}))

    assert f'action="{_url(event, "cancel")}"' in html
    assert 'data-confirm="Cancel it?"' in html
    assert 'name="submit_token"' in html
    assert f'aria-label="Cancel the event: {event}"' in html
    assert "btn btn-outline-danger btn-sm w-100" in html


def test_action_buttons_render_the_action_form_fields(declared):
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True)
    template = Template("{% load collider_tags %}{% action_buttons event %}")

    html = template.render(
        Context({"request": request, "event": cancelled, "csrf_token": "x" * 32})
    )

    assert f'id="id_reopen_{cancelled.pk}_reason"' in html
    assert 'name="reason"' in html


@pytest.mark.rendered
def test_action_view_performs_and_redirects_with_the_message(client, declared, event, partner):
    client.force_login(partner)

    response = client.post(_url(event, "cancel"), follow=True)

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert response.redirect_chain == [(event.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Event cancelled."]


@pytest.mark.rendered
def test_action_view_words_the_message_from_the_services_result(client, declared, event, partner):
    client.force_login(partner)

    url = reverse("test_event_action_counted", args=[event.pk, "cancel"])
    response = client.post(url, follow=True)

    assert [str(m) for m in response.context["messages"]] == [f"{event.title} is now Cancelled."]


def test_performs_moves_to_the_declared_state_when_the_body_does_not(declared, event, partner):
    def stamp(*, actor, event):
        event.title = "Stamped"  # the body's own work; the state is left to the declaration
        event.save(update_fields=["title"])
        return event

    cancel, _reopen, _services = declared
    result = cancel.performs(stamp)(actor=partner, event=event)

    stored = Event.objects.get(pk=event.pk)
    assert (stored.status, stored.title) == (EventStatus.CANCELLED, "Stamped")
    assert stored.updated_at > event.updated_at
    assert result.status == EventStatus.CANCELLED
    assert ActivityEntry.objects.filter(action="tests.event_cancel").count() == 1


def test_performs_leaves_a_state_the_body_chose(declared, programme, partner):
    _cancel, reopen, _services = declared
    reopen.to_state = EventStatus.CANCELLED  # the body moves it elsewhere: the body wins
    event = EventFactory(programme=programme, status=EventStatus.CANCELLED)

    reopen.run(actor=partner, obj=event, reason="Back on")

    assert Event.objects.get(pk=event.pk).status == EventStatus.SCHEDULED


def test_performs_copies_the_changes_onto_the_callers_instance_when_declared(
    declared, programme, partner
):
    cancel, _reopen, services = declared
    event, other = EventFactory(programme=programme), EventFactory(programme=programme)
    services["cancel"](actor=partner, event=other)
    assert other.status == EventStatus.SCHEDULED  # by default the caller's copy is left alone

    cancel.update_caller = True
    title = event.title
    Event.objects.filter(pk=event.pk).update(title="Renamed meanwhile")
    returned = services["cancel"](actor=partner, event=event)

    assert returned is not event  # the body worked on the locked copy
    assert event.status == EventStatus.CANCELLED
    assert event.title == "Renamed meanwhile" != title  # what the locked row holds now


def test_action_view_refuses_the_wrong_person_with_403_and_message(
    client, declared, event, participant
):
    client.force_login(participant)

    response = client.post(_url(event, "cancel"))

    assert response.status_code == 403
    assert "Only partners cancel events." in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED


def test_action_view_refuses_the_wrong_state_with_400_and_message(client, declared):
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    client.force_login(UserFactory(is_superuser=True))

    response = client.post(_url(cancelled, "cancel"))

    assert response.status_code == 400
    assert "Cannot cancel: the event is “Cancelled”" in response.content.decode()


@pytest.mark.rendered
def test_action_view_shows_a_refused_field_next_to_it(client, declared):
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    client.force_login(UserFactory(is_superuser=True))

    empty = client.post(_url(cancelled, "reopen"))
    refused = client.post(_url(cancelled, "reopen"), {"reason": "no"})

    assert (empty.status_code, refused.status_code) == (400, 400)
    assert empty.context["form"].errors == {"reason": ["This field is required."]}
    assert refused.context["form"].errors == {"reason": ["Give a real reason."]}
    cancelled.refresh_from_db()
    assert cancelled.status == EventStatus.CANCELLED


def test_action_view_sends_anonymous_to_login_and_refuses_get_and_unknown_verbs(
    client, declared, event, partner
):
    anonymous = client.post(_url(event, "cancel"))
    client.force_login(partner)
    get = client.get(_url(event, "cancel"))
    unknown = client.post(_url(event, "explode"))

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("account_login"))
    assert (get.status_code, unknown.status_code) == (405, 404)


def test_action_view_double_submit_acts_once(client, declared, event, partner):
    client.force_login(partner)
    token = {"submit_token": "t" * 22}

    first = client.post(_url(event, "cancel"), token)
    second = client.post(_url(event, "cancel"), token)

    assert (first.status_code, second.status_code) == (302, 302)
    assert ActivityEntry.objects.filter(action="tests.event_cancel").count() == 1


def test_generated_check_passes_for_declarations_the_views_honour(client, declared, programme):
    cancel, reopen, _services = declared
    people = {
        "anonymous": None,
        "participant": member(programme, Role.PARTICIPANT),
        "partner": member(programme, Role.PARTNER),
        "other_partner": member(ProgrammeFactory(), Role.PARTNER),
    }

    posts = check_actions(
        client,
        [cancel, reopen],
        states=EventStatus.values,
        make=lambda state: EventFactory(programme=programme, status=state),
        roles={role: (lambda obj, user=user: user) for role, user in people.items()},
        data={"reopen": {"reason": "Back on"}},
    )

    assert posts == 2 * 2 * 4


def test_generated_check_reports_an_action_that_does_not_do_what_it_declares(
    client, declared, programme
):
    _cancel, reopen, _services = declared
    reopen.to_state = EventStatus.CANCELLED  # a declaration the service does not honour
    partner = member(programme, Role.PARTNER)

    with pytest.raises(AssertionError) as failure:
        check_actions(
            client,
            [reopen],
            states=EventStatus.values,
            make=lambda state: EventFactory(programme=programme, status=state),
            roles={"partner": lambda obj: partner},
            data={"reopen": {"reason": "Back on"}},
        )

    assert "reopen · cancelled · partner: allowed, but the state is scheduled" in str(failure.value)


def test_generated_check_reports_an_action_nobody_may_do(client, declared, programme):
    cancel, _reopen, _services = declared
    cancel.rule = cancel.who = rules.always_deny
    partner = member(programme, Role.PARTNER)

    with pytest.raises(AssertionError) as failure:
        check_actions(
            client,
            [cancel],
            states=EventStatus.values,
            make=lambda state: EventFactory(programme=programme, status=state),
            roles={"partner": lambda obj: partner},
        )

    assert "cancel: no role may do it in any state" in str(failure.value)


@pytest.mark.rendered
def test_timeline_merges_semantic_entries_with_the_audit_trail(client, declared, event, partner):
    _cancel, _reopen, services = declared
    services["cancel"](actor=partner, event=event)
    client.force_login(partner)

    response = client.get(reverse("collider:programme_activity", args=[event.programme.slug]))

    items = list(response.context["page"])
    assert items[0]["semantic"] is True
    assert items[0]["entry"].action == "tests.event_cancel"
    assert f"Event “{event.title}” cancelled by {partner.display_name}" in response.content.decode()
    assert len(items) == ActivityTimeline(programme=event.programme).count()


def test_activity_text_survives_a_translation_that_broke_its_placeholders(declared, event, partner):
    cancel, _reopen, services = declared
    services["cancel"](actor=partner, event=event)
    cancel.log = "Abgesagt von %(actor"  # a translator dropped the closing "s)"

    sentence = activity_text(ActivityEntry.objects.get())

    assert sentence == f"{partner.display_name}: tests.event_cancel on “{event.title}”"
