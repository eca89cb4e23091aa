from heron.db import migrations

SEEN: list[tuple[str, list[str]]] = []


def forwards(apps, schema_editor):
    Rack = apps.get_model("lib", "Rack")
    Legacy = apps.get_model("lib", "Legacy")
    Legacy.objects.create(id=1, code="old")
    SEEN.append(("forwards", [f.name for f in Rack._meta.fields] + [Rack._meta.db_table]))


def backwards(apps, schema_editor):
    Rack = apps.get_model("lib", "Rack")
    labels = [rack.label for rack in Rack.objects.filter(label="Z")]
    SEEN.append(("backwards", [*labels, str(Rack.objects.count())]))


class Migration(migrations.Migration):
    dependencies = [("lib", "0006_alter_and_rename")]

    operations = [migrations.RunPython(forwards, backwards)]
