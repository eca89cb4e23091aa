from heron.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            "Parent",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=10)),
            ],
        ),
        migrations.CreateModel(
            "Child",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("parent", models.ForeignKey("nonatomic.Parent", on_delete=models.CASCADE)),
            ],
        ),
    ]
