"""The project ``heron serve`` runs in the fault tests (its database comes from the test)."""

from heron.conf import env

DEBUG = False
SECRET_KEY = "fault-suite-only-" + "k" * 48
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "tests.faults.site.urls"
INSTALLED_APPS: list[str] = []
DATABASES = {"default": env.db("HERON_FAULTS_DATABASE_URL")}

# `kill -USR1 <worker pid>` prints every thread's stack (to debug a stuck worker).
import faulthandler  # noqa: E402
import signal  # noqa: E402

faulthandler.register(signal.SIGUSR1, all_threads=True)
