"""The chat page in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.http_server import running_server

from reportqa.serve.http.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               "--disable-dev-shm-usage"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
INDUSTRY = "Hur många personer sysselsätter industrin?"


@pytest.fixture(scope="module")
def base_url(report_settings, engine):
    with running_server(create_app(report_settings, engine)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


#: Collects the page's Content-Security-Policy violations in window.__csp.
CSP_WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline")));"""


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="sv-SE",
                                  is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    return context, page, errors


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_ask_the_industry_question(browser, base_url, artifacts_dir, viewport):
    context, page, errors = _page(browser, viewport)
    try:
        page.goto(base_url + "/")
        assert page.locator("h1").inner_text() == "Fråga rapporten"
        page.fill("#q", INDUSTRY)
        page.click("#ask")
        answer = page.locator("#answer.found")
        answer.wait_for(timeout=30_000)
        assert "5 000" in answer.locator(".answer").inner_text()
        source = page.locator("#source").inner_text()
        assert "Mål 5. Fler kluster" in source
        assert "region-jamtland-harjedalen_laget-i-lanet_mal-5-fler-kluster.txt" in source
        first = page.locator("ol.sources li").first
        assert "5 000" in first.locator("mark").inner_text()  # the answer sentence, highlighted
        figure = answer.locator(".answer strong.figure")  # the key figure, emphasised
        assert figure.count() >= 1 and "5 000" in figure.first.inner_text()
        page.locator("#docs").filter(has_text="passager").wait_for(timeout=10_000)
        # Nothing sticks out sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        name = "phone" if viewport is PHONE else "desktop"
        page.screenshot(path=str(artifacts_dir / f"chat-{name}.png"), full_page=True)
        assert not errors, errors
        assert page.evaluate("window.__csp") == []  # the page passes its own policy
    finally:
        context.close()


def test_english_toggle_and_not_in_the_report(browser, base_url, artifacts_dir):
    """The toggle switches the page to English; a declined answer says so plainly."""
    declined = {"question": "What does a cinema ticket cost?", "answer": None, "found": False,
                "confidence": 0.12, "language": "en", "sources": [{
                    "document": "r.txt", "title": "Läget i länet", "section": "Mål 5",
                    "page": 3, "text": "Besöksnäringen växer.", "sentence": "Besöksnäringen växer.",
                    "score": 0.2}],
                "index_version": "v1", "model": "m", "took_ms": 5.0}
    context, page, errors = _page(browser, PHONE)
    try:
        page.route("**/ask", lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(declined)))
        page.goto(base_url + "/")
        page.click("#lang")
        assert page.locator("h1").inner_text() == "Ask the report"
        assert page.evaluate("document.documentElement.lang") == "en"
        page.fill("#q", declined["question"])
        page.keyboard.press("Enter")
        card = page.locator("#answer.notfound")
        card.wait_for(timeout=10_000)
        assert "Not in the report." in card.inner_text()
        assert "page 3" in page.locator("ol.sources").inner_text()
        # The nearest sections do not look like an answer: no highlight, their own heading.
        assert page.locator("ol.sources.nearest").count() == 1
        assert page.locator("ol.sources mark").count() == 0
        assert "none of them answers" in page.locator("h2").inner_text()
        assert page.locator("#answer strong.figure").count() == 0
        page.screenshot(path=str(artifacts_dir / "chat-phone-not-found-en.png"), full_page=True)
        page.click("#lang")  # back to Swedish: the result is re-rendered in Swedish
        assert "Det står inte i rapporten." in card.inner_text()
        assert not errors, errors
    finally:
        context.close()


def test_server_errors_are_shown(browser, base_url):
    """A question the server refuses (too long) shows the server's message."""
    context, page, _ = _page(browser, PHONE)
    try:
        page.goto(base_url + "/")
        page.evaluate("document.getElementById('q').removeAttribute('maxlength')")
        page.fill("#q", "a" * 1001)
        page.click("#ask")
        page.locator("#error").wait_for(timeout=10_000)
        assert "1–1000" in page.locator("#error").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["url", "aaaa"])
def test_long_unbroken_input_wraps_on_a_phone(browser, base_url, artifacts_dir, kind):
    """A URL or 1,000 × "a" as a question stays inside a 390 px screen."""
    question = ("https://example.org/" + "rapporter/" * 60 + "?q=" + "x" * 300
                if kind == "url" else "a" * 1000)[:1000]
    context, page, errors = _page(browser, PHONE)
    try:
        page.goto(base_url + "/")
        page.fill("#q", question)
        page.click("#ask")
        page.locator("#answer").wait_for(timeout=30_000)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(artifacts_dir / f"chat-phone-long-{kind}.png"), full_page=True)
        assert width <= PHONE["width"], f"{width} px wide on a {PHONE['width']} px phone"
        box = page.locator("#answer .question").bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]
        assert not errors, errors
    finally:
        context.close()


def test_the_policy_is_enforced(browser, base_url):
    """A control for the CSP checks above: an inline script is blocked and reported."""
    context, page, _ = _page(browser, DESKTOP)
    try:
        page.goto(base_url + "/")
        page.evaluate("""() => { const s = document.createElement("script");
            s.textContent = "window.__ran = true;"; document.body.append(s); }""")
        page.wait_for_function("window.__csp.length > 0", timeout=5_000)
        assert page.evaluate("window.__ran") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    finally:
        context.close()


def test_a_conversation_with_a_follow_up_a_vote_and_a_new_question(browser, base_url,
                                                                   artifacts_dir):
    context, page, errors = _page(browser, PHONE)
    try:
        page.goto(base_url + "/")
        assert page.locator("#new").is_hidden()
        page.fill("#q", INDUSTRY)
        page.click("#ask")
        page.locator("#answer.found").wait_for(timeout=30_000)
        page.fill("#q", "Och turismen?")
        page.click("#ask")
        page.locator("#readas").wait_for(timeout=30_000)
        assert page.locator("#readas").inner_text() == (
            "Tolkat som: Hur många personer sysselsätter turismen?")
        assert "(1)" in page.locator("#earlier summary").inner_text()
        with page.expect_response("**/feedback") as vote:
            page.click("#votes button[data-vote='down']")
        assert vote.value.status == 201
        page.locator("#votes .thanks").wait_for(timeout=10_000)
        page.screenshot(path=str(artifacts_dir / "chat-phone-conversation.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.click("#new")  # "Ny fråga": the conversation starts over
        assert page.locator("#answer").count() == 0 and page.locator("#new").is_hidden()
        page.fill("#q", "Och turismen?")
        page.click("#ask")
        page.locator("#answer").wait_for(timeout=30_000)
        assert page.locator("#readas").count() == 0
        assert not errors, errors
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
