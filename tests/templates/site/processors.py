from __future__ import annotations

from typing import Any


def site_name(request: Any) -> dict[str, Any]:
    return {"site_name": "Heron <Site>", "title": "from the processor"}


def not_a_dict(request: Any) -> Any:
    return ["site_name"]


NOT_CALLABLE = 3
