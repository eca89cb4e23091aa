from heron.db import migrations, models


def shout(apps, schema_editor):
    Item = apps.get_model("broken", "Item")
    for item in Item.objects.all():
        Item.objects.filter(pk=item.pk).update(name=item.name.upper())


class Migration(migrations.Migration):
    dependencies = [("broken", "0001_initial")]

    operations = [
        migrations.AddField("Item", "qty", models.IntegerField(default=1)),
        migrations.RunPython(shout, migrations.RunPython.noop),
        migrations.RenameField("Item", "name", "title"),
        migrations.RunSQL("INSERT INTO broken_missing_table (id) VALUES (1)"),
    ]
