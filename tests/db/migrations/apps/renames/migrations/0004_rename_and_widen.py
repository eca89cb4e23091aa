from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("renames", "0003_code_column")]

    operations = [
        migrations.AlterField(
            "Tag", "title", models.CharField(max_length=80, db_index=True, db_column="heading")
        ),
    ]
