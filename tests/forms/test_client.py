"""A form page end to end: GET renders it, an invalid POST shows errors, a valid one saves."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from heron.conf import settings
from heron.test import Client

from . import site


@pytest.fixture
def client() -> Iterator[Client]:
    saved = settings._wrapped
    settings.configure(
        DEBUG=True,
        SECRET_KEY="test-secret",
        ROOT_URLCONF="tests.forms.site",
        TEMPLATES_DIRS=[str(Path(__file__).parent / "templates")],
    )
    site.received.clear()
    yield Client()
    settings._install(saved)


def test_get_renders_the_form(client: Client) -> None:
    response = client.get("/profile/")
    assert response.status_code == 200
    html = response.text
    assert '<form method="post" enctype="multipart/form-data">' in html
    assert (
        '<label for="id_name">Name:</label><div class="helptext" id="id_name_helptext">'
        "Shown on your page.</div>"
        '<input type="text" name="name" maxlength="20" required '
        'aria-describedby="id_name_helptext" id="id_name">'
    ) in html
    assert '<input type="radio" name="colour" value="b" required id="id_colour_1" checked>' in html


def test_invalid_post_shows_errors_and_keeps_input(client: Client) -> None:
    response = client.post("/profile/", {"name": "<b>" * 10, "birthday": "31/12/2000"})
    assert response.status_code == 200
    html = response.text
    assert (
        '<ul class="errorlist" id="id_name_error"><li>Ensure this value has at most 20 '
        "characters (it has 30).</li></ul>"
    ) in html
    assert 'value="' + "&lt;b&gt;" * 10 + '"' in html
    assert '<ul class="errorlist" id="id_birthday_error"><li>Enter a valid date.</li></ul>' in html
    assert '<input type="date" name="birthday" value="31/12/2000" aria-invalid="true"' in html
    assert "<b>" not in html
    assert site.received == []


def test_valid_multipart_post(client: Client) -> None:
    notes = io.BytesIO(b"hello")
    notes.name = "notes.txt"
    response = client.post(
        "/profile/",
        {"name": "Ada", "birthday": "1815-12-10", "colour": "r", "notes": notes},
    )
    assert response.status_code == 302
    assert site.received == [
        {"name": "Ada", "birthday": dt.date(1815, 12, 10), "colour": "r", "notes": b"hello"}
    ]
