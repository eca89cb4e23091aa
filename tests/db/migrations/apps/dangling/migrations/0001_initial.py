from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("dangling", "0000_nope")]
