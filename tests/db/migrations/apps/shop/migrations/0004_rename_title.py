from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0003_book_rating")]

    operations = [
        migrations.RenameField("Book", "title", "name"),
    ]
