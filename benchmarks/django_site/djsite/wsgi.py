"""WSGI entry point of the Django peer, as Django is usually deployed.

    gunicorn djsite.wsgi:application --worker-class sync --workers N

with ``DJANGO_SETTINGS_MODULE=djsite.settings_wsgi`` (sync views, persistent connections).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djsite.settings_wsgi")

application = get_wsgi_application()
