"""One declaration per write action (STYLE §16): who, from which states, which service, what
it logs.

A phase app declares its actions in ``<app>/actions.py``::

    PUBLISH = Action(
        "challenges.challenge_publish",
        model=Challenge,
        who=can_manage_challenges,                  # a rules predicate on the role
        from_states=(ChallengeStatus.APPROVED,),    # the state half of the rule
        to_state=ChallengeStatus.PUBLISHED,
        label=_("Publish"),                         # the button
        done=_("Challenge published."),             # the message after it
        denied=_("Only tandem partners publish challenges."),
        log=_("Challenge “%(object)s” published by %(actor)s"),
        url=challenge_action_url,                   # (obj, verb) -> the URL the button posts to
    )

and its service is wrapped once by the declaration::

    @PUBLISH.performs
    def challenge_publish(*, actor: User, challenge: Challenge) -> Challenge:
        ...  # runs on the locked row, after the guard; only what is special to publishing

From that one declaration come:

* the permission ``challenges.challenge_publish`` = role predicate **and** state, for
  ``has_perm`` in views and ``{% has_perm %}`` in templates;
* the service's guard (:meth:`Action.check`): ``PermissionDenied`` with ``denied`` for the
  wrong person, ``ValidationError`` naming both states for the wrong state;
* a semantic activity entry (:class:`collider.models.ActivityEntry`) beside auditlog's field
  diffs, written in the service's transaction and worded when it is read;
* :func:`available_actions` ``(user, obj)``, which the ``{% action_buttons obj %}`` tag renders
  as one POST form per action (no status string in any template);
* :func:`action_view`, the POST view behind every button, through ``viewutils.submit``;
* ``tests/actions.py``'s generated test: every action, state and role.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import rules
from auditlog.context import set_actor
from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .access import deny
from .models import ActivityEntry
from .rules import programme_of
from .viewutils import form_data, submit

_DECLARED: dict[str, Action] = {}


class NoFields(forms.Form):
    """The form of an action that asks for nothing but the click."""


class _Missing(dict):
    """Template data where a key an older entry lacks reads as empty, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


class Action:
    """One write action: see the module docstring. Declared once, at import time."""

    def __init__(
        self,
        name: str,
        *,
        model: type[models.Model],
        who: rules.Predicate,
        label: str,
        log: str,
        url: Callable[[Any, str], str] | None = None,
        from_states: Iterable[str] = (),
        also: Iterable[tuple[rules.Predicate, str | Callable[[Any], str]]] = (),
        to_state: str | None = None,
        done: str = "",
        denied: str = "",
        doing: str = "",
        wrong_state: str = "",
        verb: str = "",
        confirm: str = "",
        style: str = "primary",
        form: type[forms.Form] = NoFields,
        fixed: Mapping[str, Any] | None = None,
        target_arg: str = "",
        actor_arg: str = "actor",
        state_field: str = "status",
        lock: bool = True,
        lock_related: Iterable[str] = (),
        log_data: Iterable[str] = (),
        log_result: bool = False,
        programme: Callable[[Any], Any] = programme_of,
        service: Callable[..., Any] | None = None,
        update_caller: bool = False,
    ) -> None:
        if name in _DECLARED:
            raise ValueError(f"Action {name} is declared twice.")
        self.name = name
        self.model = model
        self.who = who
        self.label = label
        self.log = log
        self.url = url
        self.from_states = tuple(from_states)
        # Further conditions on the object's state (its parent's status, a deadline), each
        # with the sentence that explains a refusal (or a function of the object that
        # words it): ``((predicate, message), ...)``.
        self.also = tuple(also)
        self.to_state = to_state
        self.done = done or label
        self.denied = denied
        # "Cannot publish: …": the verb phrase inside the wrong-state message.
        self.doing = doing
        # Or the whole wrong-state sentence, with ``%(state)s`` for the current state.
        self.wrong_state = wrong_state
        self.verb = verb or name.rsplit("_", 1)[-1]
        self.confirm = confirm
        self.style = style
        self.form = form
        self.fixed = dict(fixed or {})
        self.target_arg = target_arg or model._meta.model_name
        self.actor_arg = actor_arg
        self.state_field = state_field
        # A create action's target (a programme, a parent) is read, not locked.
        self.lock_enabled = lock
        self.lock_related = tuple(lock_related)
        # Record the entry on what the service returns (the record it created).
        self.log_result = log_result
        # Where an object's programme is, for one that does not carry it itself.
        self.programme_of = programme
        # Service arguments kept with the entry, for ``log`` to quote (``%(note)s``).
        self.log_data = tuple(log_data)
        self.service = service
        # Copy the locked row's fields back onto the instance the caller passed (for callers
        # that keep using theirs, as the iCal feed does after cancelling an event). Opt-in:
        # elsewhere a caller's earlier result keeps the state it had.
        self.update_caller = update_caller
        rule = who & self._in_states() if self.from_states else who
        for condition, _message in self.also:
            rule = rule & condition
        self.rule = rule
        rules.add_perm(name, self.rule)
        _DECLARED[name] = self

    def __repr__(self) -> str:
        return f"<Action {self.name}>"

    def _in_states(self) -> rules.Predicate:
        states = self.from_states
        field = self.state_field

        def in_states(user, obj) -> bool:
            return obj is not None and getattr(obj, field) in states

        return rules.Predicate(in_states, name=f"{self.name}_from_states")

    # --- the rule ------------------------------------------------------------------------

    def allows(self, user, obj) -> bool:
        """Whether ``user`` may do this to ``obj`` now (role and state)."""
        return bool(self.rule.test(user, obj))

    def refusal(self, user, obj) -> PermissionDenied | ValidationError | None:
        """Why ``user`` may not do this to ``obj`` now, or None. The person before the state:
        someone who may never do it learns that, not which state it would need."""
        if not self.who.test(user, obj):
            return PermissionDenied(self.denied or _("You are not allowed to do this."))
        return self.state_refusal(user, obj)

    def state_refusal(self, user, obj) -> ValidationError | None:
        """Why ``obj`` is not in a state for this action now (whoever asks), or None: for a
        page that says "no longer editable" before it asks who you are."""
        if self.from_states and getattr(obj, self.state_field) not in self.from_states:
            labels = dict(obj._meta.get_field(self.state_field).choices)
            state = labels.get(getattr(obj, self.state_field), "?")
            if self.wrong_state:
                return ValidationError(self.wrong_state % {"state": state}, code="state")
            return ValidationError(
                _("Cannot %(action)s: the %(kind)s is “%(state)s” (expected: %(expected)s).")
                % {
                    "action": self.doing or str(self.label).lower(),
                    "kind": obj._meta.verbose_name,
                    "state": state,
                    "expected": ", ".join(str(labels[s]) for s in self.from_states),
                },
                code="state",
            )
        for condition, message in self.also:
            if not condition.test(user, obj):
                text = message(obj) if callable(message) else message
                return ValidationError(text, code="state")
        return None

    def check(self, user, obj) -> None:
        """The service's guard: raise the refusal, if any."""
        error = self.refusal(user, obj)
        if error is not None:
            raise error

    # --- the service ---------------------------------------------------------------------

    def lock(self, obj):
        """``obj`` read again under a row lock, so two clicks cannot both pass the guard."""
        if not self.lock_enabled:
            return obj
        return (
            self.model.objects.select_for_update().select_related(*self.lock_related).get(pk=obj.pk)
        )

    def performs(self, service: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a service: lock the target, check the rule, run the body, record the entry.

        The body gets the locked object; all of it is one transaction, so a refusal raised in
        the body rolls the activity entry back with everything else.
        """

        @functools.wraps(service)
        def wrapper(**kwargs):
            with transaction.atomic():
                actor = kwargs[self.actor_arg]
                given = kwargs[self.target_arg]
                obj = kwargs[self.target_arg] = self.lock(given)
                self.check(actor, obj)
                pk = obj.pk  # a service that deletes its target leaves no pk behind
                before = self._state_of(obj)
                with set_actor(actor):
                    result = service(**kwargs)
                    self._reach_state(obj, before, result)
                quoted = {key: kwargs[key] for key in self.log_data if kwargs.get(key)}
                target = obj
                if self.log_result and result is not None:
                    target, pk = result, result.pk
                self.record(actor=actor, obj=target, pk=pk, **quoted)
            if self.update_caller:
                self._copy_back(obj, given)
            return result

        wrapper.action = self
        self.service = wrapper
        return wrapper

    def _has_state_field(self, obj) -> bool:
        """Whether ``obj`` is this action's model with a stored state field (not a property
        computed from dates, nor a create action's programme)."""
        if not isinstance(obj, self.model):
            return False
        try:
            return obj._meta.get_field(self.state_field).concrete
        except FieldDoesNotExist:
            return False

    def _state_of(self, obj):
        return getattr(obj, self.state_field) if self._has_state_field(obj) else None

    def _reach_state(self, obj, before, result) -> None:
        """Set and save ``to_state`` when the body left the state as it found it, so a body
        that only moves the state need not say so. A body that changed the state (on the
        locked object or on the copy it returns) is left as it is."""
        if (
            self.to_state is None
            or self.log_result
            or obj.pk is None
            or not self._has_state_field(obj)
            or before == self.to_state
            or getattr(obj, self.state_field) != before
        ):
            return
        if isinstance(result, self.model) and result.pk == obj.pk:
            if getattr(result, self.state_field) != before:
                return
            setattr(result, self.state_field, self.to_state)
        setattr(obj, self.state_field, self.to_state)
        stamped = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=[self.state_field, *stamped])

    def _copy_back(self, locked, given) -> None:
        """The caller's own instance gets the fields the locked copy has now (the state the
        action moved, a counter the body raised), so it need not read the object again."""
        if locked is given or not isinstance(given, self.model) or locked.pk != given.pk:
            return
        for f in locked._meta.concrete_fields:
            value = getattr(locked, f.attname)
            if getattr(given, f.attname) != value:
                setattr(given, f.attname, value)

    def run(self, *, actor, obj, **data):
        """Call the declared service as the action's button does."""
        if self.service is None:
            raise ImproperlyDeclared(f"No service performs {self.name}.")
        kwargs = {self.actor_arg: actor, self.target_arg: obj, **self.fixed}
        kwargs.update(data)
        return self.service(**kwargs)

    def record(self, *, actor, obj, pk: int | None = None, **data) -> ActivityEntry:
        """Write the semantic entry ("Challenge published by Petra") for ``obj``."""
        return ActivityEntry.objects.create(
            programme=self.programme_of(obj),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=self.name,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk if pk is None else pk,
            object_repr=str(obj)[:200],
            data={key: str(value) for key, value in data.items()},
        )

    # --- the button ----------------------------------------------------------------------

    @property
    def is_button(self) -> bool:
        """An action with a URL of its own is a button; one without is done on a form page
        (its view calls the service), yet guarded and logged by the same declaration."""
        return self.url is not None

    def url_for(self, obj) -> str:
        if self.url is None:
            raise ImproperlyDeclared(f"{self.name} is done on a page of its own, not a button.")
        return self.url(obj, self.verb)


class ImproperlyDeclared(Exception):
    """A declaration that cannot work (no service, unknown verb): a programming error."""


def forget(action: Action) -> None:
    """Undo a declaration (tests that declare an action of their own clean up with this)."""
    _DECLARED.pop(action.name, None)
    if rules.perm_exists(action.name):
        rules.remove_perm(action.name)


def declare_again(action: Action) -> None:
    """Put back a declaration ``forget`` took away (tests that stand in for a real one)."""
    _DECLARED[action.name] = action
    rules.add_perm(action.name, action.rule)


def declared(model: type[models.Model] | None = None, *, buttons: bool = False) -> list[Action]:
    """Every declared action (of ``model``; only buttons), in declaration order."""
    return [
        a
        for a in _DECLARED.values()
        if (model is None or a.model is model) and (a.is_button or not buttons)
    ]


def action_named(name: str) -> Action | None:
    return _DECLARED.get(name)


def action_for(model: type[models.Model], verb: str) -> Action:
    """The action of ``model`` a URL names by ``verb``; an unknown verb is a 404."""
    for action in declared(model, buttons=True):
        if action.verb == verb:
            return action
    raise Http404


@dataclass(frozen=True)
class Available:
    """One button: the action, the URL it posts to, its (unbound) form."""

    action: Action
    url: str
    form: forms.Form


def available_actions(user, obj, *, only: Iterable[str] | None = None) -> list[Available]:
    """The actions ``user`` may do to ``obj`` now, as buttons (``only``: these verbs, in this
    order). Reads nothing the rules do not already cache, so a list of rows stays flat."""
    actions = declared(type(obj), buttons=True)
    if only is not None:
        by_verb = {action.verb: action for action in actions}
        actions = [by_verb[verb] for verb in only if verb in by_verb]
    return [
        Available(
            action=action,
            url=action.url_for(obj),
            form=action.form(auto_id=f"id_{action.verb}_{obj.pk}_%s"),
        )
        for action in actions
        if action.allows(user, obj)
    ]


def activity_text(entry: ActivityEntry) -> str:
    """The entry as a sentence in the active language, from its action's template."""
    actor = entry.actor.display_name if entry.actor_id and entry.actor else _("Someone")
    values = _Missing(entry.data or {}, actor=actor, object=entry.object_repr)
    action = _DECLARED.get(entry.action)
    if action is not None:
        try:
            return str(action.log) % values
        except (TypeError, ValueError):
            pass  # a translation that broke the placeholders: fall back, never a 500
    # An action since renamed or removed (or a broken template): still say who did what.
    return _("%(actor)s: %(action)s on “%(object)s”") % {
        "actor": actor,
        "action": entry.action,
        "object": entry.object_repr,
    }


def action_view(
    request: HttpRequest,
    obj,
    verb: str,
    *,
    context: Mapping[str, Any] | None = None,
    next_url: Callable[[Any, Any], Any] | None = None,
    done: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """The POST behind every action button: the action ``verb`` of ``obj``'s model.

    ``obj`` comes from the app's selector (objects the user may not see are already 404).
    A visitor who is not logged in is sent to log in; otherwise the service decides, and a
    refusal is shown with its message at 403 (wrong person) or 400 (wrong state, bad input)
    on a page that offers the way back. Success: the action's message (or ``done(result)``,
    a message worded from the service's result, e.g. how many were notified) and a redirect to
    ``next_url(obj, result)`` (the object by default).
    """
    action = action_for(type(obj), verb)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return deny(request)
    form = action.form(form_data(request), auto_id=f"id_{action.verb}_{obj.pk}_%s")

    def success(result) -> HttpResponse:
        messages.success(request, done(result) if done else action.done)
        return redirect(next_url(obj, result) if next_url else obj)

    return submit(
        request,
        form,
        lambda data: action.run(actor=request.user, obj=obj, **data),
        success,
        template="collider/action_refused.html",
        context={
            "action": action,
            "object": obj,
            "programme": action.programme_of(obj),
            "back": obj.get_absolute_url(),
            **(context or {}),
        },
    )
