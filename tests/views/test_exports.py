from __future__ import annotations

import heron.templates
import heron.views


def test_views_public_api() -> None:
    assert sorted(heron.views.__all__) == sorted(
        [
            "RedirectView",
            "View",
            "condition",
            "etag",
            "last_modified",
            "csrf_exempt",
            "csrf_protect",
            "ensure_csrf_cookie",
            "requires_csrf_token",
            "xframe_options_exempt",
            "require_GET",
            "require_POST",
            "require_http_methods",
            "require_safe",
        ]
    )


def test_templates_public_api() -> None:
    assert sorted(heron.templates.__all__) == sorted(
        [
            "BUILTIN_TEMPLATE_DIRS",
            "BlockDoesNotExist",
            "ContentNotRenderedError",
            "Engine",
            "Template",
            "TemplateDoesNotExist",
            "TemplateResponse",
            "arender",
            "arender_to_string",
            "get_engine",
            "get_template",
            "render",
            "render_to_string",
            "select_template",
            "template_rendered",
        ]
    )
