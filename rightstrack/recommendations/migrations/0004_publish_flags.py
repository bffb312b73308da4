"""The portal's publish flags: a recommendation and each of its assessments are published one by one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0003_assignment_measures_assessments"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="is_published",
            field=models.BooleanField(default=False, editable=False, verbose_name="published on the portal"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="published at"),
        ),
        migrations.AddField(
            model_name="assessment",
            name="is_published",
            field=models.BooleanField(default=False, editable=False, verbose_name="published on the portal"),
        ),
        migrations.AddIndex(
            model_name="recommendation",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["mechanism", "session", "number", "id"],
                name="recommendation_published",
            ),
        ),
    ]
