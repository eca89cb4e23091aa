"""The `heron new`-project rows of benchmarks/run.py: their environment and signed-in user.

``project_env`` points a server at the project settings (Heron: ``benchsite.settings_project``,
a `heron new` project's MIDDLEWARE and account apps; Django on gunicorn:
``djsite.settings_auth``) and gives it its own SQLite file. ``sign_in`` runs the site's
``signin`` module with the server's environment before the server starts: it migrates, creates
the user ``bench``, stores a signed-in session (on Redis with ``HERON_BENCH_REDIS_URL``) and
returns the ``Cookie`` header that wrk then sends with every request.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PYTHONS = {
    "heron": (Path(sys.executable).parent / "python", "benchsite.signin"),
    "django-gunicorn": (BENCH_DIR / ".venv-peers" / "bin" / "python", "djsite.signin"),
}
SETTINGS = {
    "heron": ("HERON_SETTINGS_MODULE", "benchsite.settings_project"),
    "django-gunicorn": ("DJANGO_SETTINGS_MODULE", "djsite.settings_auth"),
}


class SignInError(RuntimeError):
    """The signed-in user could not be prepared (the message has the script's output)."""


def project_env(app: str, port: int) -> dict[str, str]:
    """Environment variables that run ``app`` as the project (Heron: with a fresh SQLite file;
    the Django peer's per-run file is set by run.py for every endpoint)."""
    if app not in SETTINGS:
        return {}
    database = str(Path(tempfile.gettempdir()) / f"heron-bench-{app}-{port}.sqlite3")
    variable, module = SETTINGS[app]
    return {variable: module, "BENCH_SQLITE": database}


def sign_in(app: str, cwd: Path, env: dict[str, str]) -> dict[str, str]:
    """Prepare a signed-in user for ``app``'s server; return the request headers to send."""
    python, module = PYTHONS[app]
    done = subprocess.run(
        [str(python), "-m", module], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SignInError(f"{module} failed for {app}:\n{done.stdout}{done.stderr}")
    engine, cookie = done.stdout.split()[-2:]
    print(f"[bench] {app}: signed in as 'bench', sessions: {engine} engine", flush=True)
    return {"Cookie": cookie}
