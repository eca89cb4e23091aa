from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("lib", "0003_indexes_and_constraints")]

    operations = [
        migrations.RunSQL(
            "INSERT INTO library_shelves (label, position) VALUES ('Z', 5);",
            reverse_sql="DELETE FROM library_shelves WHERE label = 'Z'",
        ),
        migrations.RunSQL(
            [("UPDATE library_shelves SET position = %s WHERE label = %s", [7, "Z"])],
            migrations.RunSQL.noop,
        ),
    ]
