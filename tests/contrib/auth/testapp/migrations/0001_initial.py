from heron.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(verbose_name="ID")),
                ("title", models.CharField(max_length=100)),
            ],
        ),
    ]
