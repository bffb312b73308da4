"""What higher apps add to a report's sections (``core.registry.ReportExtension``), without importing them.

The follow-up app, for one, lists a body's tasks in the section that answers earlier directives, with a box
for each answer: the writing page shows its block inside that section, the report's save hands it what was
typed (in the same transaction, after the version check), and the read view and the files add its text to
the section. Form fields are named ``ext-<name>-<item>-<part>``; a save's input is
``{name: {item: {part: value}}}`` (the autosave's and the API's ``extensions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rightstrack.core.registry import ReportExtension, report_extensions, resolve
from rightstrack.reporting.models import Report

FIELD_PREFIX = "ext-"


def field_name(name: str, item: str | int, part: str) -> str:
    return f"{FIELD_PREFIX}{name}-{item}-{part}"


def from_post(data: Mapping[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    """``ext-<name>-<item>-<part>`` fields of a posted form as a save's ``extensions``."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for key in data:
        if not str(key).startswith(FIELD_PREFIX):
            continue
        pieces = str(key)[len(FIELD_PREFIX) :].split("-")
        if len(pieces) != 3 or not all(pieces):
            continue
        name, item, part = pieces
        found.setdefault(name, {}).setdefault(item, {})[part] = str(data.get(key, ""))
    return found


def clean_payload(extensions: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """The shape ``{name: {item: {part: text | bool | None}}}`` or a ValidationError; names must be known."""
    if extensions in (None, ""):
        return {}
    known = {ext.name for ext in report_extensions()}
    problem = ValidationError(
        {"extensions": _("The additions to the report's sections were not understood.")}, code="invalid"
    )
    if not isinstance(extensions, Mapping):
        raise problem
    cleaned: dict[str, dict[str, dict[str, Any]]] = {}
    for name, items in extensions.items():
        if name not in known:
            raise ValidationError(
                {
                    "extensions": ValidationError(
                        _("This report has no addition “%(name)s”."), code="unknown", params={"name": name}
                    )
                }
            )
        if not isinstance(items, Mapping):
            raise problem
        for item, parts in items.items():
            if not isinstance(parts, Mapping) or not all(
                value is None or isinstance(value, str | bool | int) for value in parts.values()
            ):
                raise problem
            cleaned.setdefault(str(name), {})[str(item)] = dict(parts)
    return cleaned


def save_extensions(*, actor: Any, report: Report, extensions: Mapping[str, Any] | None) -> dict[str, Any]:
    """Hand each extension what was typed for it (inside the caller's transaction); what changed, by name."""
    payloads = clean_payload(extensions)
    if not payloads:
        return {}
    by_name = {ext.name: ext for ext in report_extensions()}
    changes: dict[str, Any] = {}
    for name, payload in payloads.items():
        changed = resolve(by_name[name].save)(actor=actor, report=report, payload=payload)
        if changed:
            changes[name] = changed
    return changes


def api_data(report: Report) -> dict[str, Any]:
    """What the report API shows of each extension (``extensions`` of a report's detail)."""
    return {ext.name: resolve(ext.data)(report=report) for ext in report_extensions() if ext.data}


@dataclass
class Block:
    """One extension's block in one report: where it goes, its template and its context."""

    extension: ReportExtension
    section_key: str  # "" when the template has none of the extension's sections: after the last one
    context: Any
    template: str

    @property
    def title(self) -> str:
        return str(self.extension.title)


def blocks(
    report: Report,
    *,
    user: Any,
    section_keys: list[str],
    typed: Mapping[str, Any] | None = None,
) -> dict[str, list[Block]]:
    """The extensions' blocks of ``report`` by section key ("" for those that follow the last section);
    ``typed``: what the writer typed and was not saved (a refused save), shown in place of the stored."""
    found: dict[str, list[Block]] = {}
    for ext in report_extensions():
        context = resolve(ext.items)(report=report, user=user, typed=typed or {})
        if context is None:
            continue
        key = next((k for k in ext.section_keys if k in section_keys), "")
        found.setdefault(key, []).append(
            Block(extension=ext, section_key=key, context=context, template=ext.template)
        )
    return found


def extra_html(report: Report, *, section_keys: list[str]) -> dict[str, str]:
    """Section key ("" after the last) → HTML the extensions add to it, for the read view and the files."""
    found: dict[str, str] = {}
    for ext in report_extensions():
        html = resolve(ext.html)(report=report)
        if not html:
            continue
        key = next((k for k in ext.section_keys if k in section_keys), "")
        if not key and ext.title:
            html = f"<h3>{ext.title}</h3>{html}"
        found[key] = found.get(key, "") + html
    return found
