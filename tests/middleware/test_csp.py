"""ContentSecurityPolicyMiddleware: the policy header, nonces, report-only mode."""

from __future__ import annotations

import re
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured
from heron.http import HttpResponse
from heron.middleware.csp import ContentSecurityPolicyMiddleware
from heron.test import Client, RequestFactory

DEFAULT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
COLOURS = pytest.mark.parametrize("a", ["", "a"], ids=["sync", "async"])


def nonces(text: str) -> set[str]:
    return set(re.findall(r'nonce="([^"]+)"', text))


def test_default_policy_without_a_nonce(browser: Client) -> None:
    response = browser.get("/plain/")
    assert response.headers["content-security-policy"] == DEFAULT
    assert "content-security-policy-report-only" not in response.headers


@COLOURS
def test_nonce_in_template_and_header(browser: Client, a: str) -> None:
    response = browser.get(f"/{a}nonce/")
    [nonce] = nonces(response.text)
    assert len(nonce) == 24
    assert response.headers["content-security-policy"] == DEFAULT.replace(
        "script-src 'self'", f"script-src 'self' 'nonce-{nonce}'"
    ).replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")


@COLOURS
def test_nonce_differs_per_request(browser: Client, a: str) -> None:
    seen = {next(iter(nonces(browser.get(f"/{a}nonce/").text))) for _ in range(5)}
    assert len(seen) == 5


def test_nonce_directives_come_from_default_src(secure_site: Any, browser: Client) -> None:
    secure_site(CSP_POLICY={"default-src": ["'self'", "https://cdn.example"], "img-src": "*"})
    response = browser.get("/nonce/")
    [nonce] = nonces(response.text)
    assert response.headers["content-security-policy"] == (
        "default-src 'self' https://cdn.example; img-src *; "
        f"script-src 'self' https://cdn.example 'nonce-{nonce}'; "
        f"style-src 'self' https://cdn.example 'nonce-{nonce}'"
    )
    assert browser.get("/plain/").headers["content-security-policy"] == (
        "default-src 'self' https://cdn.example; img-src *"
    )


def test_report_only(secure_site: Any, browser: Client) -> None:
    secure_site(
        CSP_POLICY=None,
        CSP_REPORT_ONLY_POLICY={
            "script-src": ["'self'"],
            "report-uri": ["/csp-report/"],
            "upgrade-insecure-requests": True,
            "sandbox": None,
        },
    )
    response = browser.get("/plain/")
    assert "content-security-policy" not in response.headers
    assert response.headers["content-security-policy-report-only"] == (
        "script-src 'self'; report-uri /csp-report/; upgrade-insecure-requests"
    )
    response = browser.get("/nonce/")
    [nonce] = nonces(response.text)
    assert response.headers["content-security-policy-report-only"] == (
        f"script-src 'self' 'nonce-{nonce}'; report-uri /csp-report/; upgrade-insecure-requests"
    )


def test_both_policies(secure_site: Any, browser: Client) -> None:
    secure_site(
        CSP_POLICY={"default-src": ["'self'"]}, CSP_REPORT_ONLY_POLICY={"default-src": ["'none'"]}
    )
    response = browser.get("/nonce/")
    [nonce] = nonces(response.text)
    assert response.headers["content-security-policy-report-only"] == (
        f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'"
    )
    assert response.headers["content-security-policy"].startswith("default-src 'self'; ")


def test_without_the_middleware_no_policy_is_sent(secure_site: Any, browser: Client) -> None:
    secure_site(MIDDLEWARE=[])
    response = browser.get("/nonce/")
    assert len(nonces(response.text)) == 1  # harmless: nothing enforces it
    assert "content-security-policy" not in response.headers


def test_error_pages_carry_the_nonce(secure_site: Any, browser: Client) -> None:
    for debug in (False, True):
        secure_site(DEBUG=debug)
        for path in ("/missing/", "/boom/"):
            response = browser.get(path, headers={"Accept": "text/html"})
            [nonce] = nonces(response.text)
            assert (
                f"style-src 'self' 'nonce-{nonce}'" in response.headers["content-security-policy"]
            ), (debug, path)
    secure_site()
    response = browser.post("/form/")  # the CSRF failure page
    assert response.status_code == 403
    [nonce] = nonces(response.text)
    assert f"'nonce-{nonce}'" in response.headers["content-security-policy"]


def test_view_header_wins(secure_site: Any) -> None:
    response = HttpResponse("x", headers={"Content-Security-Policy": "default-src *"})

    async def inner(request: Any) -> Any:
        return response

    middleware = ContentSecurityPolicyMiddleware(inner)
    request = RequestFactory().get("/")
    assert len(request.csp_nonce) == 24
    middleware.process_response(request, response)
    assert response.headers["content-security-policy"] == "default-src *"


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (["default-src"], "CSP_POLICY must be a dict of directives"),
        ({"Script_Src": ["'self'"]}, "CSP_POLICY has the directive 'Script_Src'"),
        ({"script-src": 5}, "CSP_POLICY['script-src'] is 5; give a list of sources"),
        ({"script-src": ["'self'; img-src *"]}, "CSP_POLICY['script-src'] has the source"),
    ],
)
def test_bad_policy_is_a_config_error(secure_site: Any, policy: Any, message: str) -> None:
    secure_site(CSP_POLICY=policy)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        Client().get("/plain/")


def test_builtin_and_example_templates_pass_the_default_policy() -> None:
    """No inline code the default CSP_POLICY would block in Heron's or the example's templates.

    Inline <style>/<script> blocks must carry the nonce; style= and on...= attributes are
    never allowed by a nonce, so there must be none.
    """
    from pathlib import Path

    import heron

    roots = [Path(heron.__file__).parent, Path(__file__).parents[2] / "example"]
    templates = [p for root in roots for p in root.rglob("*.html")]
    assert len(templates) > 30
    offending: list[str] = []
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            if 'type="application/json"' not in tag and "nonce=" not in tag:
                offending.append(f"{template}: {tag}")
        for attribute in re.findall(r"\s(?:style|on[a-z]+)\s*=", text):
            offending.append(f"{template}: {attribute.strip()}")
    assert offending == []
