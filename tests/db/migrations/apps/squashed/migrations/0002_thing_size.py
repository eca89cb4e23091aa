from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("squashed", "0001_initial")]

    operations = [migrations.AddField("Thing", "size", models.IntegerField(default=0))]
