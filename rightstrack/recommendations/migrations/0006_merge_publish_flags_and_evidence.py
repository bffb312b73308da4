"""0004 (the portal's publish flags) and 0005 (assessments' evidence) were written side by side."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0004_publish_flags"),
        ("recommendations", "0005_assessment_evidence"),
    ]

    operations: list[migrations.operations.base.Operation] = []
