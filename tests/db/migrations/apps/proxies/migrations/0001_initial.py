from heron.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            "Book",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("title", models.CharField(max_length=50)),
                ("pages", models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            "Thick",
            [],
            options={"proxy": True, "ordering": ["-pages"]},
            bases=("proxies.Book",),
        ),
    ]
