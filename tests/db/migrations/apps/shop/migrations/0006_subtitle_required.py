from heron.db import migrations, models


def fill_subtitles(apps, schema_editor):
    Book = apps.get_model("shop", "Book")
    for book in Book.objects.filter(subtitle__isnull=True):
        book.subtitle = f"About {book.name}"
        book.save(update_fields=["subtitle"])


class Migration(migrations.Migration):
    dependencies = [("shop", "0005_wider_types")]

    operations = [
        migrations.RunPython(fill_subtitles, migrations.RunPython.noop),
        migrations.AlterField("Book", "subtitle", models.CharField(max_length=100)),
    ]
