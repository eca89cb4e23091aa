from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cyclic", "0001_a")]
