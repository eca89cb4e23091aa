"""Count imports of ``heron`` modules that sit inside functions (not at module level).

Usage: ``python scripts/count_function_imports.py [--list] [--by-room] [root]``

An import inside a ``def`` is either there on purpose (keep ``import heron`` cheap, load an
optional driver, break a real cycle: each carries a ``# reason`` comment) or a dodge around an
import that runs the wrong way. Imports under ``if TYPE_CHECKING:`` are not counted; they never
run. Relative imports count as ``heron`` imports.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path


def _is_heron(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "heron"
    return any(alias.name.split(".")[0] == "heron" for alias in node.names)


def function_imports(path: Path) -> list[int]:
    """Return the line numbers of heron imports inside functions in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, True)
            elif isinstance(child, ast.Import | ast.ImportFrom):
                if in_function and _is_heron(child):
                    lines.append(child.lineno)
            else:
                visit(child, in_function)

    visit(tree, False)
    return lines


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "heron"
    total = 0
    files = 0
    rooms: Counter[str] = Counter()
    for path in sorted(root.rglob("*.py")):
        if "templates" in path.relative_to(root).parts[:2] and path.parts[-3:-1] == (
            "cli",
            "templates",
        ):
            continue
        lines = function_imports(path)
        if not lines:
            continue
        files += 1
        total += len(lines)
        rel = path.relative_to(root)
        rooms["/".join(rel.parts[:2]) if len(rel.parts) > 2 else rel.parts[0]] += len(lines)
        if "--list" in argv:
            source = path.read_text(encoding="utf-8").splitlines()
            for line in lines:
                print(f"{rel}:{line}: {source[line - 1].strip()}")
    if "--by-room" in argv:
        for room, count in rooms.most_common():
            print(f"{count:5d}  {room}")
    print(f"{total} function-level heron imports in {files} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
