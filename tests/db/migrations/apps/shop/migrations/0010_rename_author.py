from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0009_relations")]

    operations = [
        migrations.RenameModel("Author", "Writer"),
    ]
