from heron.db import migrations, models


def rename_all(apps, schema_editor):
    Parent = apps.get_model("nonatomic", "Parent")
    for parent in schema_editor.progress(list(Parent.objects.all()), label="Parents"):
        Parent.objects.filter(pk=parent.pk).update(name=parent.name + "!")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("nonatomic", "0001_initial")]

    operations = [
        migrations.AlterField("Parent", "name", models.CharField(max_length=40)),
        migrations.RunPython(rename_all, migrations.RunPython.noop),
        migrations.RunSQL("INSERT INTO nonatomic_missing VALUES (1)", migrations.RunSQL.noop),
    ]
