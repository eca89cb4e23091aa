from __future__ import annotations

import heron.templates
import heron.views


def test_views_public_api() -> None:
    assert sorted(heron.views.__all__) == sorted(
        [
            "RedirectView",
            "View",
            "csrf_exempt",
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
            "Engine",
            "Template",
            "TemplateDoesNotExist",
            "get_engine",
            "get_template",
            "render_to_string",
            "select_template",
            "template_rendered",
        ]
    )
