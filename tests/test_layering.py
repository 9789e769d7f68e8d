"""The packages import each other in one direction only (README, "Where things live").

``common`` imports no project package; ``events`` imports ``common`` only; ``attendees`` imports
``events`` and ``common``; ``cooperation`` imports those three and no app imports it; no app
imports ``conference_site`` or ``bench``, the site and the
benchmark that sit above them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = {"common", "events", "attendees", "cooperation", "conference_site", "bench"}
ALLOWED = {
    "common": set(),
    "events": {"common"},
    "attendees": {"common", "events"},
    "cooperation": {"common", "events", "attendees"},
}


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & PROJECT


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_the_packages_below_it(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imports - ALLOWED[package] - {package})
        for path in sorted((ROOT / package).rglob("*.py"))
        if (imports := imported_packages(path)) - ALLOWED[package] - {package}
    }
    assert not wrong
