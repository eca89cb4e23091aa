"""`import heron` stays cheap: pin what it pulls in (STYLE.md: no import-time surprises)."""

import subprocess
import sys

import heron

HEAVY = [
    "heron.conf",
    "heron.http",
    "heron.urls",
    "heron.asgi",
    "jinja2",
    "click",
    "uvicorn",
    "orjson",
    "multipart",
    "python_multipart",
    "asyncio",
    "inspect",
]


def _modules_after(statement: str) -> set[str]:
    code = (
        f"import sys; before = set(sys.modules); {statement}; "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_heron_is_cheap() -> None:
    added = _modules_after("import heron")
    assert {m for m in added if m.startswith("heron")} == {"heron"}
    assert not added & set(HEAVY), added & set(HEAVY)
    assert len(added) < 10, sorted(added)


def test_cli_main_does_not_import_server_or_subcommands() -> None:
    added = _modules_after("import heron.cli.main")
    assert not {
        m for m in added if m.startswith(("uvicorn", "heron.cli.commands.", "IPython", "pytest"))
    }


def test_public_names() -> None:
    assert heron.__all__ == ["VERSION", "__version__", "setup"]
    assert callable(heron.setup)
