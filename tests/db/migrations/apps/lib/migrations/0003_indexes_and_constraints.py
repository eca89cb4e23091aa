from heron.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lib", "0002_options_and_table")]

    operations = [
        migrations.AddIndex("Shelf", models.Index(fields=["label"], name="shelf_label_idx")),
        migrations.RenameIndex("Shelf", new_name="shelf_label_ix", old_name="shelf_label_idx"),
        migrations.AlterUniqueTogether("Loan", [("book", "shelf")]),
        migrations.AddConstraint(
            "Shelf",
            models.CheckConstraint(condition="position < 1000", name="shelf_position_lt_1000"),
        ),
    ]
