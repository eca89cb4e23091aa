from __future__ import annotations

from pathlib import Path

from .conftest import Heron, install_app


def test_routes_table(heron: Heron, project: Path) -> None:
    heron("startapp", "polls")
    (project / "polls" / "views.py").write_text(
        "from heron.http import HttpResponse\n\n\n"
        "def index(request):\n    return HttpResponse('polls')\n\n\n"
        "def detail(request, pk):\n    return HttpResponse(str(pk))\n"
    )
    (project / "polls" / "urls.py").write_text(
        "from heron.urls import path\n\nfrom . import views\n\napp_name = 'polls'\n"
        "urlpatterns = [\n    path('', views.index, name='index'),\n"
        "    path('<int:pk>/', views.detail, name='detail'),\n]\n"
    )
    install_app(project, "polls", include_urls=True)
    result = heron("routes", "--plain")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["Route", "Name", "View"]
    assert set(lines[1]) <= {"-", " "}
    rows = [line.split() for line in lines[2:]]
    assert ["/polls/", "polls:index", "polls.views.index"] in rows
    assert ["/polls/<int:pk>/", "polls:detail", "polls.views.detail"] in rows
    assert ["/", "home", "mysite.views.home"] in rows
    # The columns line up.
    assert len({line.index("polls") for line in lines[2:] if line.startswith("/polls/ ")}) == 1


def test_routes_without_a_project(heron: Heron) -> None:
    result = heron("routes")
    assert result.exit_code == 1
    assert "No settings module found" in result.output
