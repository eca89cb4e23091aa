"""The ASGI application of the demo site: ``uvicorn demo.asgi:application``."""

import os

from heron.asgi import get_application

os.environ.setdefault("HERON_SETTINGS_MODULE", "demo.settings")

application = get_application()
