"""Heron's HTTP benchmark: Heron against a bare ASGI app and Django, on this machine.

Run it with ``make bench`` (or ``.venv/bin/python benchmarks/run.py --help``). It sets itself
up on a fresh Debian machine: it installs ``wrk`` with apt-get when missing, and creates
``benchmarks/.venv-peers`` (Django 5.x, uvicorn and gunicorn, kept out of the project's venv)
once.

Django runs twice: as it is deployed (``django-gunicorn``: gunicorn sync workers, sync views,
persistent database connections, DEBUG off, no access log) and under uvicorn with async views
(``django``, its ASGI path). Heron is compared with the stronger of the two.

For each endpoint (``plaintext``, ``json``; ``project``, ``json`` with a `heron new` project's
middleware against the bare app; ``signed-in``, a signed-in user read against Django on
gunicorn, see project_setup.py) it runs its apps one after another (bare, Heron, Django, so
drift hits all of them alike), each on a fresh server on a free loopback port:
wait until it answers correctly, warm up with wrk, measure with wrk, stop it. The results go
to stdout as a table and to ``benchmarks/results/latest.json``. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from project_setup import SignInError, project_env, sign_in

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PROJECT_BIN = Path(sys.executable).parent
PEERS_VENV = BENCH_DIR / ".venv-peers"
PEERS_BIN = PEERS_VENV / "bin"
PEERS_REQUIREMENTS = ("django>=5,<6", "uvicorn[standard]", "gunicorn>=23")
PEERS_STAMP = PEERS_VENV / ".installed"
RESULTS_DIR = BENCH_DIR / "results"
HOST = "127.0.0.1"

# The uvicorn settings `heron serve` uses, given to the bare app and Django as well.
UVICORN_FLAGS = ("--no-access-log", "--loop", "uvloop", "--http", "httptools")
UVICORN_LOG = ("--log-level", "warning")

TARGET_VS_BARE = 0.7
TARGET_VS_DJANGO = 3.0

STARTUP_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0
WARMUP_SECONDS = 2


ALL_APPS = ("bare", "heron", "django", "django-gunicorn")


@dataclass(frozen=True)
class Endpoint:
    path: str
    content_type: str
    body: bytes
    # The apps that serve it; `project` runs Heron with a `heron new` project's setup
    # (benchmarks/project_setup.py); `signed_in` sends a signed-in user's session cookie.
    apps: tuple[str, ...] = ALL_APPS
    project: bool = False
    signed_in: bool = False


JSON_BODY = b'{"message": "Hello, World!"}'
ENDPOINTS: dict[str, Endpoint] = {
    "plaintext": Endpoint("/plaintext", "text/plain", b"Hello, World!"),
    "json": Endpoint("/json", "application/json", JSON_BODY),
    "project": Endpoint("/json", "application/json", JSON_BODY, ("bare", "heron"), project=True),
    "signed-in": Endpoint(
        "/me", "text/plain", b"bench", ("heron", "django-gunicorn"), project=True, signed_in=True
    ),
}

APP_LABELS = {  # in ALL_APPS order
    "bare": "bare ASGI",
    "heron": "Heron",
    "django": "Django ASGI",
    "django-gunicorn": "Django gunicorn",
}
DJANGO_APPS = ("django", "django-gunicorn")
# gunicorn as a Django site is deployed: sync workers, no access log (gunicorn writes none
# unless --access-logfile is given), warnings only.
GUNICORN_FLAGS = ("--worker-class", "sync", "--log-level", "warning")


@dataclass
class Result:
    endpoint: str
    app: str
    requests_per_second: float
    p99_ms: float
    total_requests: int
    non_2xx: int
    socket_errors: int
    wrk_output: str = field(repr=False)


class BenchError(RuntimeError):
    """A failure that ends the run with a message rather than a traceback."""


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def shown(path: Path) -> str:
    """A path relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds through the try/finally blocks that stop the servers


# --- set-up ----------------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise BenchError(
            "wrk is not installed. Install the Debian package 'wrk' "
            "(sudo apt-get install wrk) and run again."
        )
    log("wrk not found; installing the Debian package 'wrk' with apt-get")
    subprocess.run("apt-get update -qq && apt-get install -y -qq wrk", shell=True, check=True)
    found = shutil.which("wrk")
    if not found:
        raise BenchError("apt-get installed 'wrk' but it is still not on PATH")
    return found


def ensure_peers_venv() -> None:
    """Create benchmarks/.venv-peers with Django and uvicorn once; reuse it afterwards."""
    wanted = "\n".join(PEERS_REQUIREMENTS)
    if PEERS_STAMP.is_file() and PEERS_STAMP.read_text() == wanted:
        return
    log(f"creating {shown(PEERS_VENV)} with {', '.join(PEERS_REQUIREMENTS)}")
    base_python = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base_python, "-m", "venv", "--clear", str(PEERS_VENV)], check=True)
    pip = [str(PEERS_BIN / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, *PEERS_REQUIREMENTS], check=True)
    PEERS_STAMP.write_text(wanted)


def version_of(python: Path, module: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({module!r}))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def wrk_version(wrk: str) -> str:
    done = subprocess.run([wrk, "-v"], capture_output=True, text=True)
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0] if first else "unknown"


# --- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_command(
    app: str, port: int, workers: int, endpoint: Endpoint
) -> tuple[list[str], Path, dict[str, str]]:
    """Return argv, working directory and environment for one app's server."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "HERON_SETTINGS_MODULE", "HERON_DEBUG"):
        env.pop(name, None)  # the caller's shell must not pick another project
    if endpoint.project:
        env.update(project_env(app, port))
    common = ["--host", HOST, "--port", str(port), "--workers", str(workers)]
    if app == "bare":
        argv = [str(PROJECT_BIN / "uvicorn"), "bare_asgi:app", "--app-dir", str(BENCH_DIR)]
        return [*argv, *common, *UVICORN_FLAGS, *UVICORN_LOG], BENCH_DIR, env
    if app == "django":
        site = BENCH_DIR / "django_site"
        argv = [str(PEERS_BIN / "uvicorn"), "djsite.asgi:application", "--app-dir", str(site)]
        env["DJANGO_SETTINGS_MODULE"] = "djsite.settings"
        return [*argv, *common, *UVICORN_FLAGS, *UVICORN_LOG], site, env
    if app == "django-gunicorn":
        site = BENCH_DIR / "django_site"
        env.setdefault("DJANGO_SETTINGS_MODULE", "djsite.settings_wsgi")
        env["DJANGO_BENCH_DB"] = str(Path(tempfile.gettempdir()) / f"heron-bench-{port}.sqlite3")
        argv = [str(PEERS_BIN / "gunicorn"), "djsite.wsgi:application", "--chdir", str(site)]
        bind = ["--bind", f"{HOST}:{port}", "--workers", str(workers)]
        return [*argv, *bind, *GUNICORN_FLAGS], site, env
    if app == "heron":
        env["HERON_SECRET_KEY"] = "bench-only-" + "5b7d9f1a3c5e7a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c"
        argv = [str(PROJECT_BIN / "heron"), "serve", *common, "--no-access-log"]
        return argv, BENCH_DIR / "heron_site", env
    raise BenchError(f"unknown app {app!r}")


def fetch(url: str, headers: dict[str, str]) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(
        urllib.request.Request(url, headers=headers), timeout=2
    ) as response:
        return response.status, response.headers.get("content-type", ""), response.read()


def check_response(app: str, endpoint: Endpoint, status: int, ctype: str, body: bytes) -> None:
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    if not ctype.startswith(endpoint.content_type):
        problems.append(f"content-type {ctype!r}")
    got = json.loads(body) if endpoint.content_type == "application/json" else body
    want = (
        json.loads(endpoint.body) if endpoint.content_type == "application/json" else endpoint.body
    )
    if got != want:
        problems.append(f"body {body[:80]!r}")
    if problems:
        raise BenchError(f"{app} answered {endpoint.path} wrongly: {', '.join(problems)}")


def wait_until_ready(
    app: str,
    proc: subprocess.Popen[bytes],
    url: str,
    endpoint: Endpoint,
    log_path: Path,
    headers: dict[str, str],
) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last_error = "no answer"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(
                f"{app} server exited with code {proc.returncode} before answering:\n"
                + tail(log_path)
            )
        try:
            status, ctype, body = fetch(url, headers)
        except urllib.error.HTTPError as exc:
            status, ctype, body = exc.code, exc.headers.get("content-type", ""), exc.read()
        except (OSError, urllib.error.URLError) as exc:
            last_error = str(exc)
            time.sleep(0.1)
            continue
        check_response(app, endpoint, status, ctype, body)
        return
    raise BenchError(
        f"{app} server did not answer {url} within {STARTUP_TIMEOUT:.0f}s ({last_error}):\n"
        + tail(log_path)
    )


def tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no server output)"
    return "\n".join("    " + line for line in text.splitlines()[-lines:]) or "(no output)"


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group, wait, and SIGKILL it if it lingers."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        log(f"server pid {proc.pid} ignored SIGTERM for {STOP_TIMEOUT:.0f}s; killing it")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # Workers of a multi-process server share the group; make sure none outlives it.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def pin(argv: list[str], cpus: str | None) -> list[str]:
    """Prefix ``argv`` with ``taskset -c CPUS`` when pinning is on and taskset exists."""
    taskset = shutil.which("taskset")
    if cpus is None or taskset is None:
        return argv
    return [taskset, "-c", cpus, *argv]


@contextlib.contextmanager
def running_server(
    app: str, endpoint: Endpoint, workers: int, workdir: Path, cpus: str | None = None
) -> Iterator[tuple[str, dict[str, str]]]:
    """Start one app's server, yield its URL and request headers once it answers, stop it."""
    port = free_port()
    argv, cwd, env = server_command(app, port, workers, endpoint)
    argv = pin(argv, cpus)
    headers = sign_in(app, cwd, env) if endpoint.signed_in else {}
    log_path = workdir / f"{app}-{port}.log"
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so SIGTERM reaches every worker
        )
    try:
        url = f"http://{HOST}:{port}{endpoint.path}"
        wait_until_ready(app, proc, url, endpoint, log_path, headers)
        yield url, headers
    finally:
        stop(proc)


# --- wrk -------------------------------------------------------------------------------------

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_P99 = re.compile(r"^\s+99(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(output: str) -> tuple[float, float, int, int, int]:
    """Return requests/s, p99 in ms, total requests, non-2xx count and socket errors."""
    rps = _RPS.search(output)
    p99 = _P99.search(output)
    total = _TOTAL.search(output)
    if not (rps and p99 and total):
        raise BenchError(f"could not parse wrk output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    errors = _SOCKET_ERRORS.search(output)
    return (
        float(rps.group(1)),
        float(p99.group(1)) * _UNITS_MS[p99.group(2)],
        int(total.group(1)),
        int(non_2xx.group(1)) if non_2xx else 0,
        sum(int(n) for n in errors.groups()) if errors else 0,
    )


def run_wrk(
    wrk: str,
    url: str,
    args: argparse.Namespace,
    seconds: int,
    latency: bool,
    headers: dict[str, str],
) -> str:
    argv = pin([wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s"], args.wrk_cpus)
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    if latency:
        argv.append("--latency")
    done = subprocess.run(
        [*argv, url], capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"wrk failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def measure(wrk: str, app: str, name: str, args: argparse.Namespace, workdir: Path) -> Result:
    endpoint = ENDPOINTS[name]
    log(f"{name:<9} {APP_LABELS[app]:<15} starting server")
    with running_server(app, endpoint, args.workers, workdir, args.server_cpus) as (url, headers):
        log(f"{name:<9} {APP_LABELS[app]:<15} warm-up {args.warmup}s")
        run_wrk(wrk, url, args, args.warmup, False, headers)
        log(f"{name:<9} {APP_LABELS[app]:<15} measuring {args.duration}s")
        output = run_wrk(wrk, url, args, args.duration, True, headers)
    rps, p99, total, non_2xx, socket_errors = parse_wrk(output)
    log(f"{name:<9} {APP_LABELS[app]:<15} {rps:>10,.0f} req/s   p99 {p99:.2f} ms")
    if non_2xx or socket_errors:
        log(f"  WARNING: {non_2xx} non-2xx responses, {socket_errors} socket errors")
    return Result(name, app, rps, p99, total, non_2xx, socket_errors, output)


def median_result(runs: Sequence[Result], endpoint: str, app: str) -> Result:
    """The run with the median requests/s of one endpoint and app (the lower middle one)."""
    mine = sorted(
        (r for r in runs if r.endpoint == endpoint and r.app == app),
        key=lambda r: r.requests_per_second,
    )
    return mine[(len(mine) - 1) // 2]


# --- report ----------------------------------------------------------------------------------


def ratios(runs: Sequence[Result]) -> dict[str, dict[str, float | None]]:
    """Heron's requests/s over bare's and Django's, per endpoint.

    Each round measures the apps back to back, so a round's ratio compares runs that saw the
    same machine conditions; the reported ratio is the median of the per-round ratios, which
    shrugs off a round where a neighbour slowed everything down.
    """
    out: dict[str, dict[str, float | None]] = {}
    for name in dict.fromkeys(r.endpoint for r in runs):

        def series(app: str, endpoint: str = name) -> list[float]:
            return [r.requests_per_second for r in runs if r.endpoint == endpoint and r.app == app]

        heron = series("heron")

        def paired(other: list[float], heron: list[float] = heron) -> float | None:
            pairs = [h / o for h, o in zip(heron, other, strict=False) if h and o]
            return statistics.median(pairs) if pairs else None

        # Per round, the faster of the two Django deployments: the claim uses Django's best.
        best_django = (
            [max(pair) for pair in zip(series("django"), series("django-gunicorn"), strict=False)]
            or series("django")
            or series("django-gunicorn")
        )
        out[name] = {
            "heron_vs_bare": paired(series("bare")),
            "heron_vs_django": paired(best_django),
            "heron_vs_django_asgi": paired(series("django")),
            "heron_vs_django_gunicorn": paired(series("django-gunicorn")),
        }
    return out


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}x ({'met' if value >= target else 'NOT met'}, target >= {target:g}x)"


def print_report(results: Sequence[Result], runs: Sequence[Result], meta: dict[str, Any]) -> None:
    print()
    print(
        f"wrk -t{meta['threads']} -c{meta['connections']} -d{meta['duration_s']}s, "
        f"{meta['workers']} server worker(s), {meta['cpus']} CPUs shared with wrk, "
        f"median of {meta['rounds']} round(s)"
    )
    header = f"{'endpoint':<10} {'app':<16} {'requests/s':>12} {'p99 ms':>9}"
    print(header)
    print("-" * len(header))
    for r in results:
        flag = "  (!) errors" if r.non_2xx or r.socket_errors else ""
        print(
            f"{r.endpoint:<10} {APP_LABELS[r.app]:<16} {r.requests_per_second:>12,.0f} "
            f"{r.p99_ms:>9.2f}{flag}"
        )
    print()
    print("ratios: median over rounds of each round's paired ratio")
    for name, pair in ratios(runs).items():
        for key, label, target in (
            ("heron_vs_bare", "Heron/bare  ", TARGET_VS_BARE),
            ("heron_vs_django", "Heron/Django", TARGET_VS_DJANGO),
        ):
            if pair[key] is not None:  # an endpoint some apps do not serve has no such ratio
                print(f"{name:<10} {label} {verdict(pair[key], target)}")
        for key, how in (
            ("heron_vs_django_gunicorn", "gunicorn"),
            ("heron_vs_django_asgi", "ASGI"),
        ):
            if pair[key] is not None:
                print(f"{'':<10}   vs Django {how}: {pair[key]:.2f}x")
    print("Heron/Django compares Heron with the faster Django deployment of each round.")
    print()


def write_json(
    results: Sequence[Result], runs: Sequence[Result], meta: dict[str, Any], path: Path
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "meta": meta,
        "targets": {"heron_vs_bare": TARGET_VS_BARE, "heron_vs_django": TARGET_VS_DJANGO},
        "results": [{k: v for k, v in asdict(r).items() if k != "wrk_output"} for r in results],
        "ratios": ratios(runs),
        "runs": [{k: v for k, v in asdict(r).items() if k != "wrk_output"} for r in runs],
        "wrk_output": {f"{r.endpoint}/{r.app}": r.wrk_output for r in results},
    }
    path.write_text(json.dumps(payload, indent=2) + "\n")
    log(f"results written to {shown(path)}")


# --- main ------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--duration", type=int, default=8, help="seconds per measurement (8)")
    parser.add_argument("--quick", action="store_true", help="3-second measurements")
    parser.add_argument("--warmup", type=int, default=WARMUP_SECONDS, help="warm-up seconds (2)")
    parser.add_argument(
        "--workers", type=int, default=1, help="server worker processes, same for all apps (1)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds; the median is reported (3)"
    )
    parser.add_argument(
        "--no-pin",
        action="store_true",
        help="do not pin the server to CPU 0 and wrk to CPU 1 (pinning needs taskset and "
        "2+ CPUs; it keeps the two from fighting over one core, which makes runs repeatable)",
    )
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (64)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (1)")
    parser.add_argument(
        "--apps",
        default=",".join(APP_LABELS),
        help="comma-separated subset of " + ",".join(APP_LABELS),
    )
    parser.add_argument(
        "--endpoints",
        default=",".join(ENDPOINTS),
        help="comma-separated subset of " + ",".join(ENDPOINTS),
    )
    parser.add_argument(
        "--output", type=Path, default=RESULTS_DIR / "latest.json", help="JSON results file"
    )
    args = parser.parse_args(argv)
    can_pin = not args.no_pin and (os.cpu_count() or 1) >= 2 and args.workers == 1
    args.server_cpus = "0" if can_pin else None
    args.wrk_cpus = "1" if can_pin else None
    if args.quick:
        args.duration = 3
    for name, value in (("duration", args.duration), ("warmup", args.warmup)):
        if not 1 <= value <= 120:
            parser.error(f"--{name} must be between 1 and 120 seconds")
    if not 1 <= args.rounds <= 10:
        parser.error("--rounds must be between 1 and 10")
    if not 1 <= args.workers <= 64 or not 1 <= args.threads <= 64:
        parser.error("--workers and --threads must be between 1 and 64")
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads")
    args.apps = _choices(parser, "apps", args.apps, list(APP_LABELS))
    args.endpoints = _choices(parser, "endpoints", args.endpoints, list(ENDPOINTS))
    args.output = args.output.resolve()
    return args


def _choices(
    parser: argparse.ArgumentParser, flag: str, value: str, allowed: list[str]
) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in allowed]
    if unknown or not chosen:
        parser.error(f"--{flag} takes a comma-separated subset of {','.join(allowed)}")
    return [v for v in allowed if v in chosen]  # fixed order: bare, heron, the Djangos


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        wrk = ensure_wrk()
        with_django = any(app in DJANGO_APPS for app in args.apps)
        if with_django:
            ensure_peers_venv()
        meta: dict[str, Any] = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "wrk": wrk_version(wrk),
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "connections": args.connections,
            "threads": args.threads,
            "workers": args.workers,
            "rounds": args.rounds,
            "apps": args.apps,
            "versions": {
                "heron": version_of(PROJECT_BIN / "python", "heron"),
                "uvicorn": version_of(PROJECT_BIN / "python", "uvicorn"),
                "django": version_of(PEERS_BIN / "python", "django") if with_django else None,
                "django_uvicorn": version_of(PEERS_BIN / "python", "uvicorn")
                if with_django
                else None,
                "django_gunicorn": version_of(PEERS_BIN / "python", "gunicorn")
                if with_django
                else None,
            },
        }
        load = os.getloadavg()[0]
        meta["load_average_1m_before"] = round(load, 2)
        if load > 0.5:
            log(f"WARNING: 1-minute load average is {load:.2f}; other work skews the numbers")
        pairs = [(n, app) for n in args.endpoints for app in args.apps if app in ENDPOINTS[n].apps]
        runs: list[Result] = []
        with tempfile.TemporaryDirectory(prefix="heron-bench-") as tmp:
            for round_number in range(1, args.rounds + 1):
                if args.rounds > 1:
                    log(f"round {round_number} of {args.rounds}")
                for name, app in pairs:
                    runs.append(measure(wrk, app, name, args, Path(tmp)))
        results = [median_result(runs, name, app) for name, app in pairs]
        print_report(results, runs, meta)
        write_json(results, runs, meta, args.output)
    except (BenchError, SignInError) as exc:
        print(f"[bench] error: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"[bench] error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n[bench] interrupted; servers stopped", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
