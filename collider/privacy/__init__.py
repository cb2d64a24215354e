"""The personal-data registry: what each app holds about a person, and what happens to it.

The core never imports a phase app, so each app declares its own models here from its
``privacy.py`` (loaded by ``AppConfig.ready()``), next to the models it describes:

* :func:`declare` — one :class:`PersonalData` per model that holds personal data: the relations
  that tie a row to a person or an organisation (what "Download my data" exports), the fields
  erasure replaces and the ones it keeps on purpose, the uploads put into the archive;
* :func:`not_personal` — fields whose name looks personal but are not (a table's name);
* :func:`register_consents` — the consent lines a person sees on their privacy page;
* :func:`register_obligations` — what is still open for a person (an agreement to sign), told
  before they confirm an erasure;
* :func:`register_retention` — rules the retention sweep applies (guests, respondents, contacts);
* :func:`register_eraser` — extra work erasure does for a model (delete uploads one owns alone).

``tests/collider/test_privacy.py`` walks every model's fields and fails when a relation to the
user or a personal-looking field is covered by no declaration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext_lazy

#: What erasure puts into a scrubbed field.
PSEUDONYM = "pseudonym"  # "Former participant 7F3A"
ERASED_EMAIL = "email"  # an address that cannot receive mail
BLANK = "blank"  # ""
NULL = "null"  # None
REPLACEMENTS = (PSEUDONYM, ERASED_EMAIL, BLANK, NULL)

#: What erasure does with the rows tied to the person.
KEEP = "keep"  # the row stays; its links now show the pseudonym, ``scrub`` fields are replaced
DELETE = "delete"  # the row (and its uploads) go

#: The relation name that stands for the row itself (the user, the organisation).
SELF = "pk"


@dataclass(frozen=True)
class PersonalData:
    """How one model's personal data is exported and erased.

    ``subject``: user relations that make the row the person's (exported; erasure applies
    ``erase`` and ``scrub`` to these rows). ``actors``: user relations that only record who did
    something (exported to that person; erasure keeps the link, which then shows the
    pseudonym). ``emails``: e-mail fields matched against the person's addresses, for rows
    kept without an account (a guest registration, a contact). ``organisation``: relations to
    an organisation, for the export an organisation's administrators download. ``scrub``:
    personal field → one of :data:`REPLACEMENTS`. ``keep``: personal fields erasure keeps, with
    the reason shown to the person. ``files``: upload fields added to the archive. ``exclude``:
    secrets never exported (tokens, password hashes).
    """

    model: str
    label: Any
    subject: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()
    scrub: Mapping[str, str] = field(default_factory=dict)
    keep: Mapping[str, Any] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    erase: str = KEEP
    #: One sentence for the person and the operator: what erasure does with these records.
    note: Any = ""

    @property
    def key(self) -> str:
        return self.model.lower()

    def model_class(self):
        from django.apps import apps

        return apps.get_model(self.model)

    @property
    def covered(self) -> frozenset[str]:
        return frozenset(
            (
                *self.subject,
                *self.actors,
                *self.emails,
                *self.organisation,
                *self.scrub,
                *self.keep,
                *self.files,
                *self.exclude,
            )
        )


#: What erasure does with a record that only links to the person: the link stays and shows the
#: pseudonym.
KEPT = gettext_lazy("Kept as the programme's record, under your pseudonym.")


def acted(model: str, label, *actors: str) -> PersonalData:
    """A model whose user relations only record who did something (created, assigned,
    uploaded): exported to that person, kept by erasure."""
    return PersonalData(model, label, actors=actors, note=KEPT)


@dataclass(frozen=True)
class ConsentLine:
    """One thing a person agreed to, as listed on their privacy page and in their export."""

    kind: Any  # "Privacy notice", "Non-disclosure agreement"…
    what: str  # which version, which challenge, which contact database
    given_at: datetime | date | None
    basis: Any = ""
    withdrawn_at: datetime | date | None = None
    url: str = ""


@dataclass(frozen=True)
class Obligation:
    """Something still open for a person, and what erasure does to it."""

    title: str
    consequence: str
    url: str = ""


@dataclass(frozen=True)
class RetentionRule:
    """``apply(cutoff) -> count`` anonymises the rows older than ``cutoff`` and says how many;
    ``setting`` names the number of days in the settings."""

    key: str
    label: Any
    setting: str
    apply: Callable[[datetime], int]
    order: int = 50


ConsentProvider = Callable[[Any], Iterable[ConsentLine]]
ObligationProvider = Callable[[Any], Iterable[Obligation]]
#: ``eraser(user, context) -> {label: count}``: extra erasure work for one app.
Eraser = Callable[[Any, Any], Mapping[str, int]]

_declarations: dict[str, PersonalData] = {}
_not_personal: set[str] = set()
_consents: list[ConsentProvider] = []
_obligations: list[ObligationProvider] = []
_retention: dict[str, RetentionRule] = {}
_erasers: list[Eraser] = []


def declare(*items: PersonalData) -> None:
    for item in items:
        if item.erase not in (KEEP, DELETE):
            raise ValueError(f"{item.model}: erase must be keep or delete")
        for name, replacement in item.scrub.items():
            if replacement not in REPLACEMENTS:
                raise ValueError(f"{item.model}.{name}: unknown replacement {replacement!r}")
        _declarations[item.key] = item


def declarations() -> list[PersonalData]:
    return sorted(_declarations.values(), key=lambda d: d.model)


def declaration_for(model) -> PersonalData | None:
    return _declarations.get(model._meta.label_lower)


def not_personal(*fields: str) -> None:
    """Mark ``"app.Model.field"`` as not personal although its name looks so."""
    _not_personal.update(name.lower() for name in fields)


def is_not_personal(model, name: str) -> bool:
    return f"{model._meta.label_lower}.{name.lower()}" in _not_personal


def register_consents(provider: ConsentProvider) -> ConsentProvider:
    _consents.append(provider)
    return provider


def consents_of(user) -> list[ConsentLine]:
    lines = [line for provider in _consents for line in provider(user)]
    return sorted(lines, key=lambda line: (str(line.kind), str(line.what)))


def register_obligations(provider: ObligationProvider) -> ObligationProvider:
    _obligations.append(provider)
    return provider


def obligations_of(user) -> list[Obligation]:
    return [item for provider in _obligations for item in provider(user)]


def register_retention(rule: RetentionRule) -> RetentionRule:
    _retention[rule.key] = rule
    return rule


def retention_rules() -> list[RetentionRule]:
    return sorted(_retention.values(), key=lambda rule: (rule.order, rule.key))


def register_eraser(eraser: Eraser) -> Eraser:
    _erasers.append(eraser)
    return eraser


def erasers() -> list[Eraser]:
    return list(_erasers)
