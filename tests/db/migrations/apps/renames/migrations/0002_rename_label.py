from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("renames", "0001_initial")]

    operations = [
        migrations.RenameField("Tag", "label", "title"),
        migrations.RenameField("Tag", "weight", "rank"),
        migrations.RenameField("Pin", "tag", "topic"),
    ]
