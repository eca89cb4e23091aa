"""What a `heron new` project installs, read from the project template rather than copied.

The benchmark measures the middleware a new project really has, so it parses the template's
``MIDDLEWARE = [...]`` (a list of string literals) instead of repeating the list here.
"""

import ast
from pathlib import Path

import heron

TEMPLATE = Path(heron.__file__).parent / "cli" / "templates" / "project" / "project_name"
SETTINGS_TEMPLATE = TEMPLATE / "settings.py.tmpl"


def template_setting(name: str) -> object:
    """The literal value the project settings template assigns to ``name``."""
    for node in ast.parse(SETTINGS_TEMPLATE.read_text()).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return ast.literal_eval(value)
    raise LookupError(f"{SETTINGS_TEMPLATE} assigns no {name}")


def new_project_middleware() -> list[str]:
    """The MIDDLEWARE list of a project made by `heron new`."""
    value = template_setting("MIDDLEWARE")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"MIDDLEWARE in {SETTINGS_TEMPLATE} is not a list of strings")
    return value
