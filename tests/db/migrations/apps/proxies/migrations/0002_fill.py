from typing import Any

from heron.db import migrations

SEEN: list[object] = []


def fill(apps: Any, schema_editor: Any) -> None:
    Thick = apps.get_model("proxies", "Thick")
    Thick.objects.create(title="Short", pages=10)
    Thick.objects.create(title="Long", pages=900)
    titles = [book.title for book in schema_editor.progress(Thick.objects.all(), label="Books")]
    SEEN.append((Thick._meta.proxy, Thick._meta.db_table, titles))


def empty(apps: Any, schema_editor: Any) -> None:
    apps.get_model("proxies", "Thick").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("proxies", "0001_initial")]

    operations = [migrations.RunPython(fill, empty)]
