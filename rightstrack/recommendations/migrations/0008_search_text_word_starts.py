"""The stored search text with every word after a space (punctuation read as spaces), so that a search
matches the start of words: "tre em" finds "trẻ em" and no longer "strengthen" (decision 0039)."""

from django.db import migrations

from rightstrack.core.text import fold


def search_text_of(number, text, text_vi, states, symbol):
    """As models.search_text_of at the time of this migration."""
    kept = fold(" ".join(p for p in (number, symbol) if p))
    words = fold(" ".join(p for p in (number, symbol, text, text_vi, " ".join(states or [])) if p), separators=True)
    return f" {kept} {words}"


def fill(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    fields = ("pk", "number", "text", "text_vi", "recommending_states", "document_symbol")
    batch = []
    for rec in Recommendation.objects.only(*fields).order_by("pk").iterator(chunk_size=2000):
        rec.search_text = search_text_of(
            rec.number, rec.text, rec.text_vi, rec.recommending_states, rec.document_symbol
        )
        batch.append(rec)
        if len(batch) >= 2000:
            Recommendation.objects.bulk_update(batch, ["search_text"])
            batch = []
    Recommendation.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0007_number_sort_key"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
