"""Count imports of ``heron`` modules that sit inside functions (not at module level).

Usage: ``python scripts/count_function_imports.py [--list] [--by-room] [root]``

An import inside a ``def`` is either there on purpose (keep ``import heron`` cheap, load an
optional driver, break a real cycle: each carries a ``# reason`` comment, on its line or on the
line above its group of imports) or a dodge around an import that runs the wrong way. Imports
under ``if TYPE_CHECKING:`` are not counted; they never run. Relative imports count as
``heron`` imports. ``--unexplained`` lists only the imports without a reason comment.
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


def explained(source: list[str], line: int) -> bool:
    """Whether the import at ``line`` (1-based) has a comment on its line or above its group."""
    if "#" in source[line - 1]:
        return True
    index = line - 2
    # Walk up over the other imports of the group (and their continuation lines).
    while index >= 0:
        text = source[index].strip()
        if text.startswith(("from ", "import ", ")")) or text.endswith((",", "(")):
            index -= 1
            continue
        break
    return index >= 0 and source[index].strip().startswith("#")


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
    unexplained = 0
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
        source = path.read_text(encoding="utf-8").splitlines()
        bare = [line for line in lines if not explained(source, line)]
        unexplained += len(bare)
        files += 1
        total += len(lines)
        rel = path.relative_to(root)
        rooms["/".join(rel.parts[:2]) if len(rel.parts) > 2 else rel.parts[0]] += len(lines)
        shown = bare if "--unexplained" in argv else lines if "--list" in argv else []
        for line in shown:
            print(f"{rel}:{line}: {source[line - 1].strip()}")
    if "--by-room" in argv:
        for room, count in rooms.most_common():
            print(f"{count:5d}  {room}")
    print(
        f"{total} function-level heron imports in {files} files "
        f"({total - unexplained} with a reason comment, {unexplained} without)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
