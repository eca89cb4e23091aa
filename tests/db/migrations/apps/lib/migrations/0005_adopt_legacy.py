from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lib", "0004_sql")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "CREATE TABLE lib_legacy (id INTEGER PRIMARY KEY, code VARCHAR(10) NOT NULL)",
                    "DROP TABLE lib_legacy",
                )
            ],
            state_operations=[
                migrations.CreateModel(
                    "Legacy",
                    [
                        ("id", models.IntegerField(primary_key=True)),
                        ("code", models.CharField(max_length=10)),
                    ],
                )
            ],
        ),
    ]
