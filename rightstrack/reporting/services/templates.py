"""Writing report templates: a version is built once and never changed; a revision is a new version."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.core.audit import audit_record, snapshot
from rightstrack.core.scope import ensure_can
from rightstrack.reporting.default_template import (
    DEFAULT_FAMILY,
    DEFAULT_INDICATORS,
    DEFAULT_NAME,
    DEFAULT_NAME_EN,
    DEFAULT_SECTIONS,
)
from rightstrack.reporting.models import MAX_DECIMALS, ReportTemplate, TemplateIndicator, TemplateSection
from rightstrack.reporting.specs import IndicatorSpec, SectionSpec, specs_of


def _validate_specs(sections: Sequence[SectionSpec], indicators: Sequence[IndicatorSpec]) -> None:
    errors: list[ValidationError] = []
    if not sections:
        errors.append(ValidationError(_("A template needs at least one section.")))
    seen: dict[str, SectionSpec] = {}
    for spec in sections:
        try:
            validate_slug(spec.key)
        except ValidationError:
            errors.append(
                ValidationError(
                    _("Section key “%(key)s” may only contain letters, digits, hyphens and underscores."),
                    params={"key": spec.key},
                )
            )
        if spec.key in seen:
            errors.append(
                ValidationError(_("Section key “%(key)s” is used twice."), params={"key": spec.key})
            )
        if not spec.title.strip():
            errors.append(ValidationError(_("Section “%(key)s” needs a title."), params={"key": spec.key}))
        if spec.parent is not None:
            parent = seen.get(spec.parent)
            if parent is None:
                errors.append(
                    ValidationError(
                        _("Section “%(key)s” must come after its parent “%(parent)s”."),
                        params={"key": spec.key, "parent": spec.parent},
                    )
                )
            elif parent.parent is not None:
                errors.append(
                    ValidationError(
                        _("Section “%(key)s” is nested too deeply: templates have two levels."),
                        params={"key": spec.key},
                    )
                )
        seen[spec.key] = spec
    indicator_keys: set[str] = set()
    for indicator in indicators:
        try:
            validate_slug(indicator.key)
        except ValidationError:
            errors.append(
                ValidationError(
                    _("Indicator key “%(key)s” may only contain letters, digits, hyphens and underscores."),
                    params={"key": indicator.key},
                )
            )
        if indicator.key in indicator_keys:
            errors.append(
                ValidationError(_("Indicator key “%(key)s” is used twice."), params={"key": indicator.key})
            )
        indicator_keys.add(indicator.key)
        if not indicator.label.strip():
            errors.append(
                ValidationError(_("Indicator “%(key)s” needs a label."), params={"key": indicator.key})
            )
        if not 0 <= indicator.decimals <= MAX_DECIMALS:
            errors.append(
                ValidationError(
                    _("Indicator “%(key)s” may have between 0 and %(max)s decimal places."),
                    params={"key": indicator.key, "max": MAX_DECIMALS},
                )
            )
    if errors:
        raise ValidationError(errors)


def _build(
    *,
    actor: User | None,
    family: str,
    version: int,
    name: str,
    name_en: str,
    sections: Sequence[SectionSpec],
    indicators: Sequence[IndicatorSpec],
) -> ReportTemplate:
    _validate_specs(sections, indicators)
    template = ReportTemplate(
        family=family, version=version, name=name, name_en=name_en, is_current=True, created_by=actor
    )
    template.full_clean(validate_constraints=False)  # the "one current version" swap happens in the caller
    template.save()
    by_key: dict[str, TemplateSection] = {}
    for order, spec in enumerate(sections, start=1):
        by_key[spec.key] = TemplateSection.objects.create(
            template=template,
            order=order,
            key=spec.key,
            parent=by_key[spec.parent] if spec.parent else None,
            title=spec.title.strip(),
            title_en=spec.title_en.strip(),
            guidance=spec.guidance,
            guidance_en=spec.guidance_en,
            match_aliases=list(spec.match_aliases),
        )
    TemplateIndicator.objects.bulk_create(
        TemplateIndicator(
            template=template,
            order=order,
            key=spec.key,
            label=spec.label.strip(),
            label_en=spec.label_en.strip(),
            unit=spec.unit,
            unit_en=spec.unit_en,
            sums_across_bodies=spec.sums_across_bodies,
            allow_negative=spec.allow_negative,
            decimals=spec.decimals,
        )
        for order, spec in enumerate(indicators, start=1)
    )
    return template


def _outline(template: ReportTemplate) -> dict:
    sections, indicators = specs_of(template)
    return {
        **snapshot(template),
        "sections": [s.key for s in sections],
        "indicators": [i.key for i in indicators],
    }


@transaction.atomic
def template_create(
    *,
    actor: User | None,
    family: str,
    name: str,
    sections: Sequence[SectionSpec],
    indicators: Sequence[IndicatorSpec] = (),
    name_en: str = "",
) -> ReportTemplate:
    """Version 1 of a new template family."""
    if actor is not None:
        ensure_can(actor, "reporting.add_reporttemplate")
    if ReportTemplate.objects.filter(family=family).exists():
        raise ValidationError(
            {
                "family": ValidationError(
                    _("A template family “%(family)s” already exists: revise it instead."),
                    params={"family": family},
                )
            }
        )
    template = _build(
        actor=actor,
        family=family,
        version=1,
        name=name,
        name_en=name_en,
        sections=sections,
        indicators=indicators,
    )
    audit_record(obj=template, action="create", after=_outline(template), actor=actor)
    return template


@transaction.atomic
def template_create_default(*, actor: User | None) -> ReportTemplate:
    """The default outline (DESIGN.md) as version 1 of its family; returns the existing one if present."""
    existing = ReportTemplate.objects.filter(family=DEFAULT_FAMILY, version=1).first()
    if existing is not None:
        return existing
    return template_create(
        actor=actor,
        family=DEFAULT_FAMILY,
        name=DEFAULT_NAME,
        name_en=DEFAULT_NAME_EN,
        sections=DEFAULT_SECTIONS,
        indicators=DEFAULT_INDICATORS,
    )


@transaction.atomic
def template_revise(
    *,
    actor: User | None,
    template: ReportTemplate,
    name: str | None = None,
    name_en: str | None = None,
    sections: Sequence[SectionSpec] | None = None,
    indicators: Sequence[IndicatorSpec] | None = None,
) -> ReportTemplate:
    """Write the next version of ``template``'s family with the changes given, and make it current.

    What is not given is copied from ``template``. Existing versions are never changed, so reports and
    cycles keep the outline they were written on.
    """
    if actor is not None:
        ensure_can(actor, "reporting.change_reporttemplate", template)
    family_versions = ReportTemplate.objects.select_for_update().filter(family=template.family)
    latest = family_versions.aggregate(latest=Max("version"))["latest"] or 0
    old_sections, old_indicators = specs_of(template)
    before = [snapshot(t) for t in family_versions.filter(is_current=True)]
    family_versions.filter(is_current=True).update(is_current=False)
    revised = _build(
        actor=actor,
        family=template.family,
        version=latest + 1,
        name=template.name if name is None else name,
        name_en=template.name_en if name_en is None else name_en,
        sections=old_sections if sections is None else sections,
        indicators=old_indicators if indicators is None else indicators,
    )
    audit_record(
        obj=revised,
        action="revised",
        before={"current": before, "revised_from": template.pk},
        after=_outline(revised),
        actor=actor,
    )
    return revised
