from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0006_subtitle_required")]

    operations = [
        migrations.AddConstraint(
            "Book", models.UniqueConstraint(fields=["name"], name="shop_book_name_uniq")
        ),
        migrations.AddIndex("Book", models.Index(fields=["-rating"], name="shop_book_rating_idx")),
    ]
