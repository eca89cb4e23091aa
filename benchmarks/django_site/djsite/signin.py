"""Prepare a signed-in user: ``python -m djsite.signin`` prints ``<session engine> <cookie>``.

Run with ``DJANGO_SETTINGS_MODULE=djsite.settings_auth`` and the server's database: migrates,
creates the user ``bench`` and signs it in with the test client's ``force_login``.
"""

import django


def main() -> None:
    django.setup()
    from django.conf import settings  # after setup, as Django requires
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    client = Client()
    client.force_login(get_user_model().objects.create_user("bench"))
    name = settings.SESSION_COOKIE_NAME
    print(settings.SESSION_ENGINE.rsplit(".", 1)[-1], f"{name}={client.cookies[name].value}")


if __name__ == "__main__":
    main()
