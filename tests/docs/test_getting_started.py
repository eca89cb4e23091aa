"""docs/getting-started.md, followed step by step in a temporary directory.

Every code block of the guide carries an HTML comment (invisible on GitHub) that says what a
reader does with it, and this test does the same, in the guide's order:

    <!-- guide: run -->              shell commands, run with bash
    <!-- guide: file PATH -->        a whole file the reader writes
    <!-- guide: settings PATH -->    assignments that replace the same names in PATH
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


def replace_assignments(path: Path, snippet: str) -> None:
    """Replace each top-level assignment of ``snippet`` by name in the module at ``path``."""
    source = path.read_text()
    lines = source.splitlines(keepends=True)
    for node in reversed(ast.parse(snippet).body):
        assert isinstance(node, ast.Assign | ast.AnnAssign), ast.dump(node)
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        assert isinstance(target, ast.Name)
        new = ast.get_source_segment(snippet, node)
        old = [
            n
            for n in ast.parse(source).body
            if isinstance(n, ast.Assign | ast.AnnAssign)
            and target.id
            in [
                t.id
                for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                if isinstance(t, ast.Name)
            ]
        ]
        assert len(old) == 1, f"{path.name} assigns {target.id} {len(old)} times"
        start, end = old[0].lineno - 1, old[0].end_lineno or old[0].lineno
        lines[start:end] = [f"{new}\n"]
        source = "".join(lines)
    path.write_text(source)


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
        elif block.action == "settings":
            assert block.arg
            replace_assignments(self.cwd / block.arg, block.body)
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
    assert re.search(r"\b4 passed\b", tests_run), tests_run
    assert "Warning" not in tests_run
    assert "migrations.W001" not in "".join(reader.output)  # the guide made every migration
    assert (project / "blog" / "migrations" / "0001_initial.py").is_file()
    assert list((project / "staticfiles" / "blog").glob("site.*.css")), "collectstatic ran"
