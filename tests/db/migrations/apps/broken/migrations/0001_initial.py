from heron.db import migrations, models


def add_items(apps, schema_editor):
    Item = apps.get_model("broken", "Item")
    Item.objects.create(name="apple")
    Item.objects.create(name="pear")


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            "Item",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=20)),
            ],
        ),
        migrations.RunPython(add_items, migrations.RunPython.noop),
    ]
