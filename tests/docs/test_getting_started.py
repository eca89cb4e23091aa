"""docs/getting-started.md, followed step by step in a temporary directory.

Every code block of the guide carries an HTML comment (invisible on GitHub) that says what a
reader does with it, and this test does the same, in the guide's order:

    <!-- guide: run -->              shell commands, run with bash
    <!-- guide: file PATH -->        a whole file the reader writes
    <!-- guide: edit PATH -->        imports and assignments changed in PATH (``...``: as it was)
    <!-- guide: expect PATH -->      a file as Heron wrote it (the block must match it)
    <!-- guide: tree -->             a listing of files that must exist

A block without a comment fails the test, so the guide cannot grow an untested block. In the
shell, ``heron run`` (the development server the reader leaves running) does nothing and
``heron serve`` runs the start-up checks it would run (``heron check --deploy`` with DEBUG
off) instead of serving; the pages are fetched by the guide's own tests under ``heron test``.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import heron

CHECKOUT = Path(heron.__file__).resolve().parent.parent
GUIDE = CHECKOUT / "docs" / "getting-started.md"

# The guide's first lines create a virtual environment and install Heron into it; the test
# runs in an environment that already has Heron, so these two lines are the only ones skipped.
SETUP_LINES = (
    "python3 -m venv .venv && . .venv/bin/activate",
    "pip install heron              # from a checkout of this repository: pip install -e .",
)

BLOCK = re.compile(
    r"^<!-- guide: (?P<action>[a-z]+)(?: (?P<arg>\S+))? -->\n"
    r"```(?P<info>[a-z]*)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
ANY_BLOCK = re.compile(r"^```[a-z]*\n.*?^```$", re.MULTILINE | re.DOTALL)

HERON_SHIM = """#!/bin/sh
case "$1" in
  run) echo "(the guide's test leaves the development server out)"; exit 0 ;;
  serve) HERON_DEBUG=0 exec "{python}" -m heron check --deploy ;;
esac
exec "{python}" -m heron "$@"
"""


@dataclass(frozen=True)
class Block:
    action: str
    arg: str | None
    info: str
    body: str


def guide_blocks() -> list[Block]:
    text = GUIDE.read_text()
    blocks = [Block(m["action"], m["arg"], m["info"], m["body"]) for m in BLOCK.finditer(text)]
    unmarked = len(ANY_BLOCK.findall(text)) - len(blocks)
    assert unmarked == 0, f"{unmarked} code block(s) of {GUIDE.name} lack a <!-- guide: --> comment"
    return blocks


def _names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def edit_module(path: Path, snippet: str) -> None:
    """Apply a guide's ``edit`` block to the module at ``path``, as a reader would.

    ``from x import a, b`` replaces the module's import from ``x``; ``NAME = [..., items]``
    adds ``items`` at the end of the existing list ``NAME`` (``...`` stands for what is
    there); any other assignment replaces the one of the same name.
    """
    # Readers see a bare `...` line inside a list; Python needs a comma after it.
    snippet = re.sub(r"^(\s+)\.\.\.$", r"\1...,", snippet, flags=re.MULTILINE)
    for node in ast.parse(snippet).body:
        source = path.read_text()
        lines = source.splitlines(keepends=True)
        tree = ast.parse(source).body
        new = ast.get_source_segment(snippet, node) or ""
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a bare `...`: the rest of the file stays as it is
        if isinstance(node, ast.ImportFrom):
            old = [n for n in tree if isinstance(n, ast.ImportFrom) and n.module == node.module]
            assert len(old) == 1, f"{path.name} imports from {node.module} {len(old)} times"
        else:
            assert _names(node), f"an edit block holds imports and assignments: {new}"
            old = [n for n in tree if set(_names(n)) & set(_names(node))]
            assert len(old) == 1, f"{path.name} assigns {_names(node)} {len(old)} times"
        start, end = old[0].lineno - 1, old[0].end_lineno or old[0].lineno
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.List) and any(
            isinstance(e, ast.Constant) and e.value is Ellipsis for e in value.elts
        ):
            added = [
                f"    {ast.get_source_segment(snippet, e)},\n"
                for e in value.elts
                if not (isinstance(e, ast.Constant) and e.value is Ellipsis)
            ]
            assert lines[end - 1].strip() == "]", f"{path.name}: {lines[end - 1]!r}"
            lines[end - 1 : end - 1] = added  # before the closing bracket
        else:
            lines[start:end] = [f"{new}\n"]
        path.write_text("".join(lines))


class Reader:
    """Someone following the guide: a working directory and a shell."""

    def __init__(self, home: Path) -> None:
        self.cwd = home
        shims = home / ".shims"
        shims.mkdir()
        heron_shim = shims / "heron"
        heron_shim.write_text(HERON_SHIM.format(python=sys.executable))
        heron_shim.chmod(0o755)
        (shims / "python").symlink_to(sys.executable)
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("HERON_", "PYTEST_", "DATABASE_"))
        }
        self.env["PATH"] = f"{shims}{os.pathsep}{self.env.get('PATH', '')}"
        # As in a regular install: the checkout's heron package, found on sys.path.
        self.env["PYTHONPATH"] = str(CHECKOUT)
        self.output: list[str] = []

    def run(self, script: str) -> None:
        marker = "__guide_cwd__"
        result = subprocess.run(
            ["bash", "-e", "-c", f'{script}\necho "{marker}$(pwd)"'],
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        out = result.stdout + result.stderr
        assert result.returncode == 0, f"$ {script}\n{out}"
        self.output.append(out)
        self.cwd = Path(result.stdout.rsplit(marker, 1)[1].strip())

    def follow(self, block: Block) -> None:
        if block.action == "run":
            lines = [line for line in block.body.splitlines() if line not in SETUP_LINES]
            self.run("\n".join(lines))
        elif block.action == "file":
            assert block.arg, "a file block names its path"
            path = self.cwd / block.arg
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.body)
        elif block.action == "edit":
            assert block.arg
            edit_module(self.cwd / block.arg, block.body)
        elif block.action == "expect":
            assert block.arg
            assert (self.cwd / block.arg).read_text() == block.body
        elif block.action == "tree":
            root, *entries = block.body.splitlines()
            # Shown after `cd mysite`: the listing's root is the working directory.
            assert self.cwd.name == root.rstrip("/"), root
            for entry in entries:
                assert (self.cwd / entry.split("#")[0].strip()).is_file(), entry
        else:
            raise AssertionError(f"unknown guide action {block.action!r}")


def test_the_guide_builds_a_working_blog(tmp_path: Path) -> None:
    blocks = guide_blocks()
    first_commands = next(b.body for b in blocks if b.action == "run")
    assert tuple(first_commands.splitlines()[:2]) == SETUP_LINES
    reader = Reader(tmp_path)
    for block in blocks:
        reader.follow(block)
    project = tmp_path / "mysite"
    tests_run = next(out for out in reader.output if " passed" in out)
    # The blog's four tests, and any that `heron new` wrote for the project itself.
    passed = re.search(r"\b(\d+) passed\b", tests_run)
    assert passed and int(passed.group(1)) >= 4, tests_run
    assert " failed" not in tests_run and " error" not in tests_run, tests_run
    assert "Warning" not in tests_run
    assert "migrations.W001" not in "".join(reader.output)  # the guide made every migration
    assert (project / "blog" / "migrations" / "0001_initial.py").is_file()
    assert list((project / "staticfiles" / "blog").glob("site.*.css")), "collectstatic ran"
