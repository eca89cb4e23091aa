from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import pytest

import heron.apps
import heron.templates.engine
from heron.apps import Apps
from heron.templates import (
    TemplateDoesNotExist,
    get_engine,
    get_template,
    render_to_string,
    select_template,
    signals,
    template_rendered,
)
from heron.templates.engine import BUILTIN_TEMPLATE_DIRS, Engine


@pytest.fixture
def app_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Create an importable app package with templates/shared/page.html and app/only.html."""
    name = f"tplapp_{uuid.uuid4().hex[:8]}"
    package = tmp_path / "apps_root" / name
    (package / "templates" / "shared").mkdir(parents=True)
    (package / "templates" / name).mkdir()
    (package / "__init__.py").write_text("")
    (package / "templates" / "shared" / "page.html").write_text("from the app")
    (package / "templates" / name / "only.html").write_text("only in the app")
    monkeypatch.syspath_prepend(str(tmp_path / "apps_root"))
    yield name
    sys.modules.pop(name, None)


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "project_templates"
    (directory / "shared").mkdir(parents=True)
    (directory / "shared" / "page.html").write_text("from the project")
    return directory


@pytest.mark.parametrize("registry_ready", [True, False])
def test_project_dir_overrides_app_template(
    app_module: str,
    project_dir: Path,
    configure: Any,
    monkeypatch: pytest.MonkeyPatch,
    registry_ready: bool,
) -> None:
    registry = Apps()
    if registry_ready:
        registry.populate([app_module])
    monkeypatch.setattr(heron.templates.engine, "apps", registry)
    configure(INSTALLED_APPS=[app_module], TEMPLATES_DIRS=[str(project_dir)])
    assert render_to_string("shared/page.html") == "from the project"
    assert render_to_string(f"{app_module}/only.html") == "only in the app"
    assert get_engine().dirs[0] == str(project_dir)


def test_engine_is_rebuilt_when_settings_change(project_dir: Path, configure: Any) -> None:
    first = get_engine()
    assert get_engine() is first
    configure(TEMPLATES_DIRS=[str(project_dir)])
    second = get_engine()
    assert second is not first
    builtin = [str(path) for path in BUILTIN_TEMPLATE_DIRS if path.is_dir()]
    assert second.dirs == [str(project_dir), *builtin]
    assert second.env.auto_reload is True
    configure(DEBUG=False)
    assert get_engine().env.auto_reload is False


def test_autoescape_by_extension(tmp_path: Path) -> None:
    for name in ("page.html", "feed.xml", "mail.txt"):
        (tmp_path / name).write_text("{{ value }}")
    engine = Engine([tmp_path])
    context = {"value": "<b>&</b>"}
    assert engine.render_to_string("page.html", context) == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert engine.render_to_string("feed.xml", context) == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert engine.render_to_string("mail.txt", context) == "<b>&</b>"


def test_template_does_not_exist_lists_directories(tmp_path: Path) -> None:
    engine = Engine([tmp_path / "one", tmp_path / "two"])
    with pytest.raises(TemplateDoesNotExist) as info:
        engine.get_template("missing.html")
    message = str(info.value)
    assert "'missing.html' not found" in message
    assert message.index(str(tmp_path / "one")) < message.index(str(tmp_path / "two"))
    assert info.value.tried == [str(tmp_path / "one"), str(tmp_path / "two")]
    assert isinstance(info.value, jinja2.TemplateNotFound)


def test_template_does_not_exist_without_directories() -> None:
    with pytest.raises(TemplateDoesNotExist, match="no template directories are configured"):
        Engine().get_template("x.html")


def test_missing_extends_target_raises_template_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "child.html").write_text("{% extends 'base.html' %}")
    with pytest.raises(TemplateDoesNotExist, match=r"'base\.html' not found"):
        Engine([tmp_path]).render_to_string("child.html")


def test_select_template(project_dir: Path, configure: Any) -> None:
    configure(TEMPLATES_DIRS=[str(project_dir)])
    assert select_template(["nope.html", "shared/page.html"]).name == "shared/page.html"
    with pytest.raises(TemplateDoesNotExist, match=r"'a\.html', 'b\.html'") as info:
        select_template(["a.html", "b.html"])
    assert info.value.names == ["a.html", "b.html"]
    with pytest.raises(TypeError):
        select_template("shared/page.html")


def test_request_in_context(tmp_path: Path, configure: Any) -> None:
    (tmp_path / "r.html").write_text("{{ request }}|{{ other }}|{{ missing }}")
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    assert render_to_string("r.html", {"other": 1}, request="REQ") == "REQ|1|"
    assert get_template("r.html").render() == "||"


def test_static_and_url_globals(
    tmp_path: Path, configure: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import heron.templates.functions

    (tmp_path / "g.html").write_text("{{ static('css/site.css') }} {{ url('polls:detail', 3) }}")
    monkeypatch.setattr(
        heron.templates.functions,
        "reverse",
        lambda name, args=None, kwargs=None: f"/{name}/{args[0]}/",
    )
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    assert render_to_string("g.html") == "/static/css/site.css /polls:detail/3/"
    configure(TEMPLATES_DIRS=[str(tmp_path)], STATIC_URL="https://cdn.example/s")
    assert render_to_string("g.html").startswith("https://cdn.example/s/css/site.css ")


def test_template_rendered_hook(tmp_path: Path, configure: Any) -> None:
    (tmp_path / "hook.html").write_text("{{ n }}")
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    seen: list[tuple[str, Mapping[str, Any]]] = []

    def listener(name: str, context: Mapping[str, Any]) -> None:
        seen.append((name, context))

    template_rendered.connect(listener)
    try:
        assert template_rendered
        render_to_string("hook.html", {"n": 1}, request="R")
        get_template("hook.html").render({"n": 2})
    finally:
        assert template_rendered.disconnect(listener) is True
    render_to_string("hook.html", {"n": 3})
    assert [(name, context["n"], context.get("request")) for name, context in seen] == [
        ("hook.html", 1, "R"),
        ("hook.html", 2, None),
    ]
    assert template_rendered.disconnect(listener) is False


def test_module_level_hook_functions() -> None:
    def listener(name: str, context: Mapping[str, Any]) -> None: ...

    signals.connect(listener)
    try:
        assert listener in template_rendered.receivers
    finally:
        assert signals.disconnect(listener) is True
    empty = signals.Hook()
    assert not empty
