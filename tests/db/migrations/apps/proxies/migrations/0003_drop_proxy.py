from heron.db import migrations


class Migration(migrations.Migration):
    dependencies = [("proxies", "0002_fill")]

    operations = [migrations.DeleteModel("Thick")]
