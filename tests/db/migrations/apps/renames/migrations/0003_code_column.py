from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("renames", "0002_rename_label")]

    operations = [
        migrations.AlterField(
            "Tag", "code", models.CharField(max_length=10, unique=True, db_column="tag_code")
        ),
    ]
