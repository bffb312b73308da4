"""What each app contributes to the whole, declared by the app itself (the app contract).

Core imports no other rightstrack app. Instead, every app's ``AppConfig.ready()`` hands core one
``Contribution``: its navigation entries (with the permission or roles that see them), its home-page panels,
the scope root and administrator roles when it is the app that knows them, its demo loader, its URL include,
its API routes, its background job kinds, and what it adds to other apps' pages and lists (object panels,
list filters, report extensions, pack parts). The project's ``urls.py`` and ``api_urls.py``, the navigation,
the home page, the scope engine, the jobs and the ``demo`` command read the registry; nothing in core names
an app.

Callables are given as dotted paths and imported on first use, so ``ready()`` imports nothing heavy and an
app's views and serializers load only when the URLs do. See docs/decisions/0007-app-registry.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from rightstrack.core.jobs.registry import JobKind

StrOrPromise = str | Promise


@dataclass(frozen=True)
class NavGroup:
    """A menu of the main navigation that gathers the entries naming its ``key`` (decision: grouped nav)."""

    key: str
    label: StrOrPromise
    order: int


# The menus of the main navigation. An entry names one by its key (``NavEntry.group``); an entry without a
# group stands alone in the bar (the overview, notifications). A menu nobody may open is left out; a menu
# with one entry for this user is shown as that entry alone.
NAV_GROUPS: dict[str, NavGroup] = {
    group.key: group
    for group in (
        NavGroup("reporting", _("Reporting"), order=20),
        NavGroup("followup", _("Follow-up"), order=30),
        NavGroup("reference", _("Reference"), order=40),
        NavGroup("administration", pgettext_lazy("navigation", "Administration"), order=50),
    )
}


@dataclass(frozen=True)
class NavEntry:
    """One link in the main navigation, shown to users who hold ``permission`` and have one of ``roles``."""

    url_name: str
    label: StrOrPromise
    order: int
    group: str = ""  # a key of NAV_GROUPS: the menu the entry sits in; empty: alone in the bar
    permission: str | None = None  # a model-level permission (``user.has_perm``); None: every signed-in user
    roles: tuple[str, ...] = ()  # the user's ``role`` must be one of these; empty: any role
    badge: str | None = None  # dotted path to ``f(*, user) -> int``: a count shown beside the label
    badge_context: str = ""  # the count also goes into every template's context under this name
    badge_label: StrOrPromise = ""  # the count for screen readers, with %(count)s, e.g. "%(count)s unread"
    # Left out for users of ``empty_hidden_for`` roles while ``has_items(*, user) -> bool`` (a dotted path)
    # says the page would be empty for them: a provincial focal point sees no empty "Background jobs".
    has_items: str | None = None
    empty_hidden_for: tuple[str, ...] = ()

    def visible_to(self, user: Any) -> bool:
        if self.roles and getattr(user, "role", None) not in self.roles:
            return False
        if self.permission is not None and not user.has_perm(self.permission):
            return False
        if self.has_items and getattr(user, "role", None) in self.empty_hidden_for:
            return bool(resolve(self.has_items)(user=user))
        return True


@dataclass(frozen=True)
class HomePanel:
    """A block of the home page: ``template`` rendered with what ``context(user=...)`` returns.

    The home page is each role's work list (docs/decisions/0018-home-work-lists.md): a panel names the
    ``roles`` whose work it shows; ``context`` returns ``None`` when it has nothing to show this user (the
    panel is left out). With ``since=True`` it is also given ``since``: when the user's previous visit began
    (``None`` on a first visit), for "what changed since your last visit". A ``fallback`` panel (a plain
    "nothing is assigned to you yet") is left out when a panel marked ``assigned_work`` (tasks,
    recommendations assigned to the user's body) has something to show.
    """

    template: str
    context: str  # dotted path to ``f(*, user[, since]) -> dict | None``
    order: int
    permission: str | None = None
    roles: tuple[str, ...] = ()  # the user's ``role`` must be one of these; empty: any role
    since: bool = False
    fallback: bool = False
    assigned_work: bool = False

    def visible_to(self, user: Any) -> bool:
        if self.roles and getattr(user, "role", None) not in self.roles:
            return False
        return self.permission is None or bool(user.has_perm(self.permission))


@dataclass(frozen=True)
class ReportExtension:
    """Something a higher app adds to one section of every report, which the reporting app shows and saves
    without importing that app (decision 0046, the next cycle answers the directives).

    ``section_keys``: the template sections it belongs to, by their stable key (the first the report's
    template has; when it has none, the block follows the last section). ``items(*, report, user, typed)``
    returns what to show, or ``None`` for nothing (``typed``: what the writer typed and was not saved,
    ``{name: {item: {part: value}}}``), rendered with ``template`` in the writing page. ``save(*, actor,
    report, payload)`` is called by the report's save, inside its transaction and after its version check,
    with what was typed for it (``{item: {part: value}}``); it returns what changed (empty: nothing), which
    goes into the report's audit record and counts as a change of the report. ``html(*, report)`` gives the
    section's added content as HTML for the read view and the files (``""``: none); ``data(*, report)``
    what the report API shows of it (plain JSON, under ``extensions[name]``).
    """

    name: str  # the key of its input in a save: ``extensions[name]``; also the form fields' prefix
    section_keys: tuple[str, ...]
    items: str  # dotted path to ``f(*, report, user, typed) -> Any | None``
    save: str  # dotted path to ``f(*, actor, report, payload) -> dict``
    html: str  # dotted path to ``f(*, report) -> str``
    template: str
    data: str | None = None  # dotted path to ``f(*, report) -> Any``: the report API's ``extensions[name]``
    title: StrOrPromise = ""  # heading of the block when the template has none of ``section_keys``


@dataclass(frozen=True)
class PackPart:
    """A part a higher app adds to the consolidated pack (``build(*, cycle, bodies, reports) -> dict | None``,
    a dotted path: ``{"key", "title", "html", ...}``, plain JSON stored with the pack's content and rendered
    like the pack's own parts). ``bodies``: the covered bodies' ids; ``reports``: body id → id of its report
    that the pack includes. It must cost a fixed number of queries, whatever the number of bodies."""

    key: str
    build: str
    order: int = 0


@dataclass(frozen=True)
class ObjectPanel:
    """A block another app adds to one model's page (tagging's suggestions on a recommendation, a report):
    the page writes ``{% object_panels obj %}`` and never imports the app above it.

    ``context`` is the dotted path to ``f(*, user, obj) -> dict | None`` (None: no block for this user)."""

    model: str  # "app_label.model_name" of the page's object, e.g. "recommendations.recommendation"
    template: str
    context: str
    order: int = 0


@dataclass(frozen=True)
class ListFilter:
    """Filters another app adds to one model's lists (tagging's tag filter on the documents): a list whose
    FilterSet is a ``core.filters.ContributedFilterSet`` of that model shows them in its filter form after
    its own, and its API takes them as query parameters (in the OpenAPI schema too), never importing the app
    above it.

    ``filters`` is the dotted path to ``f(*, model) -> dict[str, django_filters.Filter]`` (``model``: the
    label, as here): new filters, each doing its own filtering (``Filter.filter``), named with the app's
    prefix so as not to clash with the list's own. They narrow the list's queryset, already scoped, at a
    fixed number of queries (a subquery, not a query per row)."""

    model: str  # "app_label.model_name" of the list's objects, e.g. "documents.document"
    filters: str
    order: int = 0


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    body: str


@dataclass
class DemoResult:
    """What a demo loader did, for the ``demo`` command to print."""

    lines: list[str] = field(default_factory=list)
    logins: list[DemoLogin] = field(default_factory=list)
    password: str = ""


@dataclass(frozen=True)
class Contribution:
    """Everything one app adds to the whole. ``order`` ranks apps for URLs, API routes and the demo."""

    app_label: str
    order: int
    nav: Sequence[NavEntry] = ()
    home_panels: Sequence[HomePanel] = ()
    urls: tuple[str, str] | None = None  # (prefix, module), e.g. ("bodies/", "rightstrack.bodies.urls")
    api: str | None = None  # dotted path to ``register(router)``
    demo: str | None = None  # dotted path to ``load() -> DemoResult``: idempotent, writes through services
    scope_root: str | None = None  # dotted path to ``f(user) -> body | None``; one app provides it
    # dotted path to ``f(user) -> list[body]``: subtrees the user reads but never changes (predecessors)
    read_roots: str | None = None
    admin_roles: tuple[str, ...] = ()  # values of ``user.role`` that make an administrator
    jobs: Sequence[JobKind] = ()  # the app's long operations (``core.jobs``); names unique project-wide
    report_extensions: Sequence[ReportExtension] = ()  # read by ``reporting`` (writing page, save, exports)
    pack_parts: Sequence[PackPart] = ()  # read by ``packs`` (the content, the page and the files)
    object_panels: Sequence[ObjectPanel] = ()  # blocks on other apps' object pages (``{% object_panels %}``)
    list_filters: Sequence[ListFilter] = ()  # filters on other apps' lists (``ContributedFilterSet``)


class RegistryError(Exception):
    """Two apps claim what only one may provide."""


_CONTRIBUTIONS: dict[str, Contribution] = {}


def contribute(contribution: Contribution) -> None:
    """Called from an app's ``ready()``; a second call for the same app replaces the first."""
    others = [c for label, c in _CONTRIBUTIONS.items() if label != contribution.app_label]
    if contribution.scope_root and any(c.scope_root for c in others):
        raise RegistryError(f"{contribution.app_label} and another app both provide the scope root.")
    if contribution.read_roots and any(c.read_roots for c in others):
        raise RegistryError(f"{contribution.app_label} and another app both provide the read-only roots.")
    unknown = sorted(
        {entry.group for entry in contribution.nav if entry.group and entry.group not in NAV_GROUPS}
    )
    if unknown:
        raise RegistryError(
            f"{contribution.app_label}: navigation group {unknown[0]!r} is not in NAV_GROUPS."
        )
    names = [kind.name for kind in contribution.jobs]
    taken = {kind.name for c in others for kind in c.jobs}
    clash = sorted({name for name in names if names.count(name) > 1 or name in taken})
    if clash:
        raise RegistryError(f"{contribution.app_label}: job kind {clash[0]!r} is registered twice.")
    extension_names = {ext.name for c in others for ext in c.report_extensions}
    clash = sorted(ext.name for ext in contribution.report_extensions if ext.name in extension_names)
    if clash:
        raise RegistryError(f"{contribution.app_label}: report extension {clash[0]!r} is registered twice.")
    _CONTRIBUTIONS[contribution.app_label] = contribution
    _admin_roles.cache_clear()
    scope_root_provider.cache_clear()
    read_roots_provider.cache_clear()
    _job_kinds.cache_clear()


def contributions() -> list[Contribution]:
    return sorted(_CONTRIBUTIONS.values(), key=lambda c: (c.order, c.app_label))


@functools.cache
def resolve(path: str) -> Callable[..., Any]:
    return import_string(path)


def nav_entries() -> list[NavEntry]:
    return sorted((entry for c in contributions() for entry in c.nav), key=lambda e: e.order)


def home_panels() -> list[HomePanel]:
    return sorted((panel for c in contributions() for panel in c.home_panels), key=lambda p: p.order)


def report_extensions() -> list[ReportExtension]:
    """Every app's additions to report sections, in app order."""
    return [ext for c in contributions() for ext in c.report_extensions]


def pack_parts() -> list[PackPart]:
    """Every app's additions to the consolidated pack, by their order."""
    return sorted((part for c in contributions() for part in c.pack_parts), key=lambda p: (p.order, p.key))


def object_panels(model: str) -> list[ObjectPanel]:
    """The blocks the apps add to the page of a ``model`` ("app_label.model_name"), by their order."""
    found = (panel for c in contributions() for panel in c.object_panels if panel.model == model)
    return sorted(found, key=lambda p: (p.order, p.template))


def list_filters(model: str) -> list[ListFilter]:
    """The filters the apps add to the lists of a ``model`` ("app_label.model_name"), by their order."""
    found = (entry for c in contributions() for entry in c.list_filters if entry.model == model)
    return sorted(found, key=lambda f: (f.order, f.filters))


def url_includes() -> list[tuple[str, str]]:
    return [c.urls for c in contributions() if c.urls]


def api_registrars() -> list[Callable[[Any], None]]:
    return [resolve(c.api) for c in contributions() if c.api]


def demo_loaders() -> list[tuple[str, Callable[[], DemoResult]]]:
    return [(c.app_label, resolve(c.demo)) for c in contributions() if c.demo]


@functools.cache
def scope_root_provider() -> Callable[[Any], Any] | None:
    paths = [c.scope_root for c in contributions() if c.scope_root]
    return resolve(paths[0]) if paths else None


@functools.cache
def read_roots_provider() -> Callable[[Any], Any] | None:
    paths = [c.read_roots for c in contributions() if c.read_roots]
    return resolve(paths[0]) if paths else None


@functools.cache
def _admin_roles() -> frozenset[str]:
    return frozenset(role for c in contributions() for role in c.admin_roles)


def admin_roles() -> frozenset[str]:
    return _admin_roles()


@functools.cache
def _job_kinds() -> dict[str, JobKind]:
    return {kind.name: kind for c in contributions() for kind in c.jobs}


def job_kinds() -> dict[str, JobKind]:
    """Every registered job kind by name (``core.jobs.registry.job_kind`` reads it)."""
    return _job_kinds()
