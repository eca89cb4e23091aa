from heron.db import migrations, models


def split(apps, schema_editor):
    Writer = apps.get_model("shop", "Writer")
    for writer in Writer.objects.all():
        first, _, last = writer.name.partition(" ")
        Writer.objects.filter(pk=writer.pk).update(first_name=first, last_name=last)


def join(apps, schema_editor):
    Writer = apps.get_model("shop", "Writer")
    for writer in Writer.objects.all():
        name = f"{writer.first_name} {writer.last_name}".strip()
        Writer.objects.filter(pk=writer.pk).update(name=name)


class Migration(migrations.Migration):
    dependencies = [("shop", "0010_rename_author")]

    operations = [
        migrations.AddField("Writer", "first_name", models.CharField(max_length=50, default="")),
        migrations.AddField("Writer", "last_name", models.CharField(max_length=50, default="")),
        migrations.RunPython(split, join),
        migrations.RemoveField("Writer", "name"),
    ]
