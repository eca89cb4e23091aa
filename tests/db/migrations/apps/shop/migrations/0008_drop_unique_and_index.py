from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0007_unique_and_index")]

    operations = [
        migrations.RemoveConstraint("Book", "shop_book_name_uniq"),
        migrations.RemoveIndex("Book", "shop_book_rating_idx"),
    ]
