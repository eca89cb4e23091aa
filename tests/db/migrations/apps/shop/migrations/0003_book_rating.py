from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_book_subtitle")]

    operations = [
        migrations.AddField("Book", "rating", models.IntegerField(default=3)),
    ]
