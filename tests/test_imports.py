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


def test_ground_floor_imports_nothing_else_from_heron() -> None:
    # Every room imports heron.core for its errors: the package alone stays small.
    assert {m for m in _modules_after("import heron.core") if m.startswith("heron")} == {
        "heron",
        "heron.core",
        "heron.core.exceptions",
    }
    added = _modules_after(
        "import heron.core, heron.core.validators, heron.core.extensions; "
        "heron.core.run_sync, heron.core.on_startup"
    )
    assert {m for m in added if m.startswith("heron")} == {
        "heron",
        "heron.core",
        "heron.core.exceptions",
        "heron.core.extensions",
        "heron.core.lifecycle",
        "heron.core.threads",
        "heron.core.validators",
    }


def test_plain_forms_do_not_load_the_orm() -> None:
    # A plain Form (fields, widgets, formsets) needs no database; model forms load heron.db.
    plain = _modules_after(
        "import heron.forms as f; "
        "F = type('F', (f.Form,), {'a': f.CharField(), 'd': f.DurationField(), "
        "'c': f.ChoiceField(choices=[('x', 'X')])}); "
        "assert F({'a': '1', 'd': '1:00', 'c': 'x'}).is_valid(); "
        "f.formset_factory(F)"
    )
    assert not {m for m in plain if m.startswith("heron.db")}, sorted(plain)
    model = _modules_after("from heron.forms import ModelForm")
    assert "heron.db.models" in model
