"""Extension points: the core never imports a phase app; phase apps register here.

Each phase app adds its contributions from ``AppConfig.ready()`` (or a module it imports there):
next steps on the dashboard, items in a programme's navigation, demo data, renderers for
outbox message kinds, and the pages that register people for the event kinds it owns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NextStep:
    """One line in "your next steps": what to do, why, and where."""

    title: str
    url: str
    reason: str = ""
    priority: int = 50  # lower shows first


@dataclass(frozen=True)
class Tile:
    """A figure on a programme's cockpit (dashboard): "Meetings booked 3", "Agreements 2 of 5".

    ``target`` draws a bar of ``value`` against it; ``tone`` is "cci", "avm", "warning" or "".
    ``group`` places it: "kpi" (KPIs against targets) or "mine" (the participant's own)."""

    label: str
    value: int | str
    url: str = ""
    target: int | None = None
    hint: str = ""
    tone: str = ""
    group: str = "mine"

    @property
    def progress(self) -> int | None:
        if not self.target or not isinstance(self.value, int):
            return None
        return min(100, self.value * 100 // self.target)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: str  # checked against the programme
    phase: str = ""
    order: int = 50


@dataclass
class Message:
    """What an outbox row turns into when it is sent."""

    template: str
    context: dict[str, Any]
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


NextStepProvider = Callable[..., Iterable[NextStep]]
#: ``provider(*, user, programmes) -> {programme_id: [Tile, ...]}``
TileProvider = Callable[..., dict[int, list[Tile]]]
MessageRenderer = Callable[[Any], Message | None]
DemoBuilder = Callable[..., None]
#: ``page(event, user) -> url``: where ``user`` (None for a guest) registers for ``event``, or
#: "" where the generic event page does it.
RegistrationPage = Callable[[Any, Any], str]

_next_steps: list[NextStepProvider] = []
_tiles: list[TileProvider] = []
_nav_items: list[NavItem] = []
_renderers: dict[str, MessageRenderer] = {}
_demo_builders: list[tuple[int, DemoBuilder]] = []
_registration_pages: dict[str, RegistrationPage] = {}
#: ``provider(programme) -> [name, ...]``: the programme's competence taxonomy.
VocabularyProvider = Callable[[Any], Iterable[str]]
_vocabularies: list[VocabularyProvider] = []


def register_next_steps(provider: NextStepProvider) -> NextStepProvider:
    """Register ``provider(*, user, programme, roles) -> Iterable[NextStep]``.

    The dashboard calls every provider once per programme of the user. A provider reads what it
    needs for all of the user's programmes in a fixed number of queries, cached on the user
    object, and takes the user's programmes, roles, organisations and sectors from
    ``collider.rules.approved_memberships`` (one shared query) instead of joining memberships
    itself; steps that only one role sees are not queried for people without that role."""
    _next_steps.append(provider)
    return provider


def next_step_providers() -> list[NextStepProvider]:
    return list(_next_steps)


def register_tiles(provider: TileProvider) -> TileProvider:
    """Register ``provider(*, user, programmes) -> {programme_id: [Tile, ...]}``.

    Called once per dashboard with all of the user's programmes (not once per programme), so a
    provider reads what it shows for every programme in a fixed number of queries; like the
    next-step providers it reuses facts they cached on the user object where it can."""
    _tiles.append(provider)
    return provider


def tile_providers() -> list[TileProvider]:
    return list(_tiles)


def register_nav_item(item: NavItem) -> None:
    _nav_items.append(item)


def nav_items() -> list[NavItem]:
    return sorted(_nav_items, key=lambda item: item.order)


def register_renderer(kind: str) -> Callable[[MessageRenderer], MessageRenderer]:
    """Register how an outbox row of ``kind`` is rendered; returning None cancels the row."""

    def decorator(renderer: MessageRenderer) -> MessageRenderer:
        _renderers[kind] = renderer
        return renderer

    return decorator


def renderer_for(kind: str) -> MessageRenderer | None:
    return _renderers.get(kind)


def register_demo_builder(builder: DemoBuilder, *, order: int = 50) -> DemoBuilder:
    """Register ``builder(*, programme, people, stdout)``, run by ``load_demo`` in order."""
    _demo_builders.append((order, builder))
    return builder


def demo_builders() -> list[DemoBuilder]:
    return [builder for _, builder in sorted(_demo_builders, key=lambda pair: pair[0])]


def register_registration_page(kind: str, page: RegistrationPage) -> None:
    """Events of ``kind`` are registered for on the owning app's page, where its rules apply
    (e.g. a company visit's confidentiality confirmation): the generic
    event page sends people there instead of registering them itself."""
    _registration_pages[kind] = page


def kinds_with_own_page() -> frozenset[str]:
    """Event kinds created and registered for in their owning app, never by the generic form."""
    return frozenset(_registration_pages)


def registration_page_for(event, user) -> str:
    """The page where ``user`` registers for ``event``; "" when it is the generic event page."""
    page = _registration_pages.get(event.kind)
    return page(event, user) if page else ""


def register_competence_vocabulary(provider: VocabularyProvider) -> VocabularyProvider:
    """Register ``provider(programme) -> [name, ...]``: the terms a programme describes
    competences with (matchmaking's taxonomy of offers and needs). Earlier phases (a challenge's
    required competences) choose from it without importing the app that keeps it."""
    _vocabularies.append(provider)
    return provider


def competence_vocabulary(programme) -> list[str]:
    """Every provider's terms for ``programme``, de-duplicated case-insensitively, sorted."""
    names: dict[str, str] = {}
    for provider in _vocabularies:
        for name in provider(programme):
            names.setdefault(name.lower(), name)
    return sorted(names.values(), key=str.lower)
