"""Recommendations in the order people read them: a sort key with every run of digits zero-padded, so that
"140.9" comes before "140.116" and session 9 before 46 on PostgreSQL and SQLite alike (decision 0055)."""

import re

from django.db import migrations, models

DIGITS = re.compile(r"\d+")


def sort_key_of(session, number):
    """As models.sort_key_of at the time of this migration."""

    def natural(value):
        return DIGITS.sub(lambda m: m[0].lstrip("0").rjust(10, "0"), value.casefold())

    return f"{natural(session)} {natural(number)}"[:200]


def fill(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    batch = []
    for rec in Recommendation.objects.only("pk", "session", "number").order_by("pk").iterator(chunk_size=2000):
        rec.sort_key = sort_key_of(rec.session, rec.number)
        batch.append(rec)
        if len(batch) >= 2000:
            Recommendation.objects.bulk_update(batch, ["sort_key"])
            batch = []
    Recommendation.objects.bulk_update(batch, ["sort_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0006_merge_publish_flags_and_evidence"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="sort_key",
            field=models.CharField(blank=True, editable=False, max_length=200, verbose_name="sort key"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="recommendation",
            options={
                "ordering": ["mechanism", "sort_key", "id"],
                "verbose_name": "recommendation",
                "verbose_name_plural": "recommendations",
            },
        ),
        migrations.AddIndex(
            model_name="recommendation",
            index=models.Index(fields=["mechanism", "sort_key", "id"], name="recommendation_order"),
        ),
        # The portal's list of published recommendations reads them in the same order.
        migrations.RemoveIndex(model_name="recommendation", name="recommendation_published"),
        migrations.AddIndex(
            model_name="recommendation",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["mechanism", "sort_key", "id"],
                name="recommendation_published",
            ),
        ),
    ]
