"""The demo's views: one of each kind Heron's foundation supports."""

from __future__ import annotations

import platform
from pathlib import Path

import heron
from heron.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from heron.shortcuts import render
from heron.urls import reverse
from heron.views import View

SAMPLE_FILE = Path(__file__).resolve().parent / "files" / "heron.txt"


def home(request: HttpRequest) -> HttpResponse:
    """A function view rendering a Jinja2 template."""
    demos = [
        ("pages:about", "A class-based view"),
        ("pages:api-status", "An async JSON API view"),
        ("pages:echo", "A form that echoes what you post"),
        ("pages:upload", "A file upload"),
        ("pages:download", "A file download"),
        ("pages:named-urls", "Named URLs and reverse()"),
    ]
    return render(request, "pages/home.html", {"demos": demos, "version": heron.__version__})


class AboutView(View):
    """A class-based view: one method per HTTP verb."""

    def get(self, request: HttpRequest) -> HttpResponse:
        facts = {
            "Heron": heron.__version__,
            "Python": platform.python_version(),
            "Method": request.method,
        }
        return render(request, "pages/about.html", {"facts": facts})


async def api_status(request: HttpRequest) -> JsonResponse:
    """An ``async def`` view returning JSON."""
    return JsonResponse({"status": "ok", "framework": "heron", "version": heron.__version__})


def echo(request: HttpRequest) -> HttpResponse:
    """Show a form; on POST, show back the submitted fields."""
    submitted = None
    if request.method == "POST":
        submitted = {key: request.POST.getlist(key) for key in request.POST}
    return render(request, "pages/echo.html", {"submitted": submitted})


def upload(request: HttpRequest) -> HttpResponse:
    """Accept one file and report its name and size."""
    uploaded = None
    if request.method == "POST" and "document" in request.FILES:
        document = request.FILES["document"]
        uploaded = {"name": document.name, "size": document.size}
    return render(request, "pages/upload.html", {"uploaded": uploaded})


def download(request: HttpRequest) -> FileResponse:
    """Send a file as an attachment."""
    return FileResponse(SAMPLE_FILE.open("rb"), as_attachment=True, filename="heron.txt")


def greet(request: HttpRequest, name: str) -> HttpResponse:
    """A view taking a URL parameter (reversed on the named-URLs page)."""
    return render(request, "pages/greet.html", {"name": name})


def named_urls(request: HttpRequest) -> HttpResponse:
    """Build URLs from route names with reverse(), in Python and in templates (url())."""
    reversed_urls = [
        ('reverse("pages:home")', reverse("pages:home")),
        ('reverse("pages:about")', reverse("pages:about")),
        ('reverse("pages:greet", args=["ada"])', reverse("pages:greet", args=["ada"])),
        (
            'reverse("pages:greet", kwargs={"name": "grace"})',
            reverse("pages:greet", kwargs={"name": "grace"}),
        ),
    ]
    return render(request, "pages/named_urls.html", {"reversed_urls": reversed_urls})
