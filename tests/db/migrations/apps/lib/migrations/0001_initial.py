from heron.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.CreateModel(
            "Shelf",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("label", models.CharField(max_length=20)),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "parent",
                    models.ForeignKey("lib.Shelf", on_delete=models.CASCADE, null=True),
                ),
            ],
        ),
        migrations.CreateModel(
            "Loan",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("book", models.ForeignKey("shop.Book", on_delete=models.CASCADE)),
                ("shelf", models.ForeignKey("lib.Shelf", on_delete=models.CASCADE)),
                ("note", models.CharField(max_length=30, default="")),
            ],
        ),
    ]
