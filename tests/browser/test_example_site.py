"""The example site in a real browser: styled in light and dark, usable at 375 px, and
screenshotted for the docs (``make screenshots`` copies the files into docs/images/)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import ARTIFACTS, LiveServer, console_problems

SIZES = {"desktop": (1280, 800), "phone": (375, 740)}
# The stylesheet's --bg colour in each scheme, as the browser computes it.
BACKGROUNDS = {"light": "rgb(247, 248, 250)", "dark": "rgb(18, 23, 28)"}
PAGES = {
    "polls": "/polls/",
    "vote": "/polls/1/",
    "results": "/polls/3/results/",
    "ask": "/polls/new/",
}


def open_page(browser: Any, size: str, scheme: str) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, device_scale_factor=1
    )
    return context.new_page()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_pages_are_styled_and_fit(
    browser: Any, example_server: LiveServer, size: str, scheme: str
) -> None:
    page = open_page(browser, size, scheme)
    problems: list[str] = []
    console_problems(page, problems)
    try:
        for name, path in PAGES.items():
            response = page.goto(example_server.url + path)
            assert response is not None and response.status == 200, (path, response)
            # The stylesheet loaded (the CSP allows it) and follows the colour scheme.
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == BACKGROUNDS[scheme], (path, background)
            # Nothing sticks out sideways: no horizontal scrolling, even at 375 px.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {size}"
            if size == "desktop" or name in ("polls", "vote"):
                folder = ARTIFACTS / "screenshots"
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(folder / f"example-{name}-{size}-{scheme}.png"))
    finally:
        page.context.close()
    assert problems == []


def test_demo_polls_and_tags_are_there(browser: Any, example_server: LiveServer) -> None:
    page = open_page(browser, "desktop", "light")
    try:
        page.goto(example_server.url + "/polls/")
        assert page.locator(".cards li").count() == 5  # a full first page of demo polls
        assert page.locator(".tags a.tag").all_inner_texts() == [
            "all",
            "food",
            "tech",
            "travel",
            "weekend",
        ]
        page.goto(example_server.url + "/polls/new/")
        # Existing tags are checkboxes; new ones are typed into a field below them.
        assert page.locator("input[type=checkbox][name=tags]").count() == 4
        assert page.locator("input[name=new_tags]").count() == 1
    finally:
        page.context.close()
