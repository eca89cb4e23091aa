from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0011_split_name")]

    operations = [
        migrations.DeleteModel("Note"),
    ]
