"""The SDG framework (17 goals, 169 targets, the global indicators) from the shipped data file, so that every
database has it (`rightstrack recommendations load-sdg` refreshes it); and, on PostgreSQL, a trigram index on
the folded search text, so that a search for part of a word does not read every row
(docs/decisions/0039-recommendations-search.md). Where the pg_trgm extension cannot be created (a role without
the right), the index is left out and searching still works, by a full scan."""

import logging

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from rightstrack.recommendations.sdg import read_framework

    goal_model = apps.get_model("recommendations", "SdgGoal")
    target_model = apps.get_model("recommendations", "SdgTarget")
    indicator_model = apps.get_model("recommendations", "SdgIndicator")
    framework = read_framework()
    goals = {}
    for goal in framework.goals:
        goals[goal.number], _ = goal_model.objects.update_or_create(
            number=goal.number, defaults={"short": goal.short, "title": goal.title, "short_vi": goal.short_vi}
        )
    targets = {}
    for target in framework.targets:
        targets[target.code], _ = target_model.objects.update_or_create(
            code=target.code, defaults={"goal": goals[target.goal], "title": target.title, "order": target.order}
        )
    for indicator in framework.indicators:
        if indicator.target in targets:
            indicator_model.objects.update_or_create(
                code=indicator.code,
                defaults={"target": targets[indicator.target], "title": indicator.title, "order": indicator.order},
            )


logger = logging.getLogger(__name__)


def trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS recommendation_search_trgm ON recommendations_recommendation "
                "USING gin (search_text gin_trgm_ops)"
            )
    except DatabaseError as exc:  # no right to create the extension: searching works without the index
        logger.warning("recommendations: no trigram index on the search text (%s)", exc)


def drop_trigram_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS recommendation_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
