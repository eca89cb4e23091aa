from heron.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            "Tag",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("label", models.CharField(max_length=50, db_index=True)),
                ("code", models.CharField(max_length=10, unique=True)),
                ("weight", models.IntegerField(default=0)),
            ],
            options={
                "indexes": [models.Index(fields=["weight"], name="renames_tag_weight_ix")],
            },
        ),
        migrations.CreateModel(
            "Pin",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("tag", models.ForeignKey("renames.Tag", on_delete=models.CASCADE)),
            ],
        ),
    ]
