from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lib", "0005_adopt_legacy")]

    operations = [
        migrations.AlterField(
            "Loan", "note", models.CharField(max_length=30, null=True, db_index=True)
        ),
        migrations.AlterField("Shelf", "label", models.CharField(max_length=20, unique=True)),
        migrations.RenameModel("Shelf", "Rack"),
    ]
