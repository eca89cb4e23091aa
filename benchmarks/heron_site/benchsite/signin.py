"""Prepare a signed-in user: ``python -m benchsite.signin`` prints ``<session engine> <cookie>``.

Run with the settings the server will use (``benchsite.settings_project``): it migrates the
database, creates the user ``bench`` and signs it in through the test client, whose session
is stored where the server will look for it.
"""

import heron
from heron.db import connections
from heron.db.migrations.executor import MigrationExecutor


def main() -> None:
    settings = heron.setup()
    MigrationExecutor(connections["default"]).migrate()

    from heron.contrib.auth import get_user_model  # needs the apps set up
    from heron.test import Client

    user = get_user_model().objects.create_user("bench")
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    print(settings.SESSION_ENGINE.rsplit(".", 1)[-1], f"{name}={client.cookies[name]}")


if __name__ == "__main__":
    main()
