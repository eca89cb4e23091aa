from heron.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    replaces = [("squashed", "0001_initial"), ("squashed", "0002_thing_size")]

    operations = [
        migrations.CreateModel(
            "Thing",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=20)),
                ("size", models.IntegerField(default=0)),
            ],
        ),
    ]
