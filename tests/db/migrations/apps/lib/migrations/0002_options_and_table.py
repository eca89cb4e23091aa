from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("lib", "0001_initial")]

    operations = [
        migrations.AlterModelOptions("Shelf", {"ordering": ["label"], "verbose_name": "bookshelf"}),
        migrations.AlterModelTable("Shelf", "library_shelves"),
    ]
