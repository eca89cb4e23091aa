"""Messages through the test client: cookie and session storage, shown once."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

import pytest

from heron.contrib import messages
from heron.contrib.messages.storage import CookieStorage, SessionStorage
from heron.signing import Signer
from heron.test import Client

from .conftest import DEFAULT_MIDDLEWARE, MESSAGES, SESSIONS
from .site import SESSIONS as SESSION_STORE

Configure = Callable[..., Any]


def test_shown_once_across_a_redirect(client: Client) -> None:
    response = client.get("/add/", {"text": ["Saved.", "Mailed."]})
    assert response.status_code == 302
    assert "messages=" in response.headers["Set-Cookie"]
    shown = client.get("/show/")
    assert shown.text == '<li class="success">Saved.</li><li class="success">Mailed.</li>'
    # Shown: the cookie is deleted, and the next page has nothing.
    assert "messages=;" in shown.headers["Set-Cookie"]
    assert client.get("/show/").text == ""


def test_follow_redirect(client: Client) -> None:
    response = client.get("/add/", {"level": "error", "tags": "big"}, follow=True)
    assert response.text == '<li class="big error">Saved.</li>'


def test_async_view(client: Client) -> None:
    assert client.get("/aadd/", follow=True).text == '<li class="info">From async.</li>'


def test_messages_wait_until_shown(client: Client) -> None:
    client.get("/add/", {"text": "One."})
    assert client.get("/count/").text == "1"  # counted, not shown: kept
    client.get("/add/", {"text": "Two."})
    assert client.get("/show/").text == (
        '<li class="success">One.</li><li class="success">Two.</li>'
    )


def test_tampered_cookie_is_ignored_and_deleted(client: Client) -> None:
    client.get("/add/", {"text": "Genuine."})
    value = client.cookies["messages"]
    client.cookies["messages"] = value.replace("G", "H", 1) if "G" in value else "x" + value
    forged = Signer("another-key", salt="heron.contrib.messages").sign_object([[40, "Forged!", ""]])
    for bad in [client.cookies["messages"], forged, "garbage", ""]:
        client.cookies["messages"] = bad
        response = client.get("/show/")
        assert response.status_code == 200
        assert response.text == ""


def test_well_signed_but_malformed_content_is_ignored(client: Client) -> None:
    signer = Signer(salt="heron.contrib.messages")
    client.cookies["messages"] = signer.sign_object({"not": "a list"})
    assert client.get("/show/").text == ""
    client.cookies["messages"] = signer.sign_object([[20, 5, ""]])
    assert client.get("/show/").text == ""


def test_key_rotation_keeps_waiting_messages(client: Client, configure: Configure) -> None:
    client.get("/add/", {"text": "Before rotation."})
    configure(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS=["messages-test-key"])
    assert client.get("/show/").text == '<li class="success">Before rotation.</li>'


def test_level_filters_and_set_level(client: Client, configure: Configure) -> None:
    assert client.get("/add/", {"level": "debug"}, follow=True).text == ""
    assert client.get("/level/", follow=True).text == '<li class="debug">Debugging.</li>'
    configure(MESSAGE_LEVEL=messages.DEBUG)
    assert client.get("/add/", {"level": "debug"}, follow=True).text == (
        '<li class="debug">Saved.</li>'
    )


def test_message_tags_setting(client: Client, configure: Configure) -> None:
    configure(MESSAGE_TAGS={messages.ERROR: "danger"})
    response = client.get("/add/", {"level": "error"}, follow=True)
    assert response.text == '<li class="danger">Saved.</li>'


def test_markup_survives_and_text_is_escaped(client: Client) -> None:
    assert client.get("/html/", follow=True).text == (
        '<li class="info"><b>Bold</b></li><li class="info">&lt;i&gt;plain&lt;/i&gt;</li>'
    )


def test_cookie_too_big_drops_the_oldest(
    client: Client, configure: Configure, caplog: pytest.LogCaptureFixture
) -> None:
    configure(MESSAGE_COOKIE_MAX_SIZE=300)
    texts = [f"{i}: " + hashlib.sha256(str(i).encode()).hexdigest() for i in range(6)]
    with caplog.at_level(logging.WARNING, logger="heron.contrib.messages"):
        client.get("/add/", {"text": texts})
    cookie = client.cookies["messages"]
    assert len(cookie) <= 300
    assert "Dropped the 3 oldest message(s)" in caplog.text
    shown = client.get("/show/").text
    assert shown == "".join(f'<li class="success">{text}</li>' for text in texts[3:])


def test_session_storage(client: Client, configure: Configure) -> None:
    configure(MIDDLEWARE=[*DEFAULT_MIDDLEWARE, SESSIONS, MESSAGES])
    response = client.get("/add/", {"text": "In the session."})
    assert "messages=" not in response.headers.get("Set-Cookie", "")
    (session,) = SESSION_STORE.values()
    assert session == {"_messages": [[25, "In the session.", ""]]}
    assert client.get("/show/").text == '<li class="success">In the session.</li>'
    assert session == {}
    assert client.get("/show/").text == ""


def test_explicit_storages(client: Client, configure: Configure) -> None:
    configure(
        MIDDLEWARE=[*DEFAULT_MIDDLEWARE, SESSIONS, MESSAGES],
        MESSAGE_STORAGE="heron.contrib.messages.storage.cookie.CookieStorage",
    )
    response = client.get("/add/", {"text": "Cookie anyway."})
    assert "messages=" in response.headers["Set-Cookie"]
    assert client.get("/show/").text == '<li class="success">Cookie anyway.</li>'
    configure(MESSAGE_STORAGE="heron.contrib.messages.storage.session.SessionStorage")
    response = client.get("/add/")
    assert response.status_code == 500  # no session middleware before it


def test_session_storage_without_session_says_why() -> None:
    from heron.conf import ImproperlyConfigured
    from heron.test import RequestFactory

    request = RequestFactory().get("/")
    with pytest.raises(ImproperlyConfigured, match=r"SessionStorage needs request\.session"):
        SessionStorage(request)
    assert isinstance(messages.get_messages(request), list)


def test_without_middleware() -> None:
    from heron.test import RequestFactory

    request = RequestFactory().get("/")
    with pytest.raises(messages.MessageFailure, match="without installing"):
        messages.info(request, "Lost.")
    messages.info(request, "Lost.", fail_silently=True)
    assert list(messages.get_messages(request)) == []
    assert messages.get_level(request) == messages.INFO
    assert messages.set_level(request, messages.DEBUG) is False


def test_storage_api() -> None:
    from heron.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.WARNING, "Careful.")
    storage.add(messages.INFO, "")  # empty: ignored
    assert len(storage) == 1
    assert messages.Message(messages.WARNING, "Careful.") in storage
    (message,) = list(storage)
    assert (str(message), message.level_tag, message.tags) == ("Careful.", "warning", "warning")
    assert storage.used


def test_template_global_with_the_app_installed(client: Client, configure: Configure) -> None:
    configure(INSTALLED_APPS=["heron.contrib.messages"])
    assert client.get("/global/").text == "none"
    client.get("/add/", {"text": "Hi <there>", "level": "warning"})
    assert client.get("/peek/").text == "1 waiting"  # counting does not show them
    assert client.get("/global/").text == '<ul><li class="warning">Hi &lt;there&gt;</li></ul>'
    assert client.get("/global/").text == "none"


def test_app_config() -> None:
    from heron.contrib.messages.apps import MessagesConfig

    config = MessagesConfig()
    assert (config.name, config.label, config.verbose_name) == (
        "heron.contrib.messages",
        "messages",
        "Messages",
    )
