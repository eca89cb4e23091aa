from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AddField("Book", "subtitle", models.CharField(max_length=100, null=True)),
    ]
