"""axe-core run in a page (vendored from npm: tests/browser/vendor/axe.min.js, 4.14.1).

Injected through Playwright's script evaluation, which the site's CSP does not govern, so the
pages are checked exactly as visitors receive them.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page, impacts=BLOCKING_IMPACTS) -> list[dict]:
    """The axe violations of the page as loaded now whose impact is one of `impacts`."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]


def assert_accessible(page, impacts=BLOCKING_IMPACTS) -> None:
    violations = axe_violations(page, impacts)
    assert not violations, f"axe on {page.url}: {violations}"
