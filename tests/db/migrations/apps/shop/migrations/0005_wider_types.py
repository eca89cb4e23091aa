from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_rename_title")]

    operations = [
        migrations.AlterField("Book", "name", models.CharField(max_length=200)),
        migrations.AlterField("Book", "pages", models.BigIntegerField()),
    ]
