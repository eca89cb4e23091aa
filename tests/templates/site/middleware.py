"""Stand-ins for the auth and CSRF middleware that arrive later: set user and token."""

from __future__ import annotations

from typing import Any

from heron.middleware.base import HookMiddleware


class FakeUser:
    """A user with the permissions named at creation (``"app.codename"``)."""

    def __init__(self, name: str, perms: set[str]) -> None:
        self.name = name
        self.perms = perms

    def has_perm(self, perm: str) -> bool:
        return perm in self.perms

    def has_module_perms(self, app_label: str) -> bool:
        return any(perm.startswith(app_label + ".") for perm in self.perms)

    def __str__(self) -> str:
        return self.name


class RequestExtrasMiddleware(HookMiddleware):
    """Set ``request.user`` and ``request.csrf_token`` from the X-User / X-Token headers."""

    def process_request(self, request: Any) -> None:
        name = request.headers.get("x-user")
        if name is not None:
            request.user = FakeUser(name, {"polls.add_question"})
        token = request.headers.get("x-token")
        if token is not None:
            request.csrf_token = token

    def process_response(self, request: Any, response: Any) -> Any:
        # Response hooks see a rendered TemplateResponse that still names its template.
        if hasattr(response, "template_name"):
            response["X-Template"] = f"{response.template_name} {sorted(response.context_data)}"
            response["X-Length"] = str(len(response.content))
        return response
