"""The benchmark measures search with the issue's goal and says whether the large size met it."""

from urllib.parse import parse_qs, urlsplit

from bench import report, targets


def test_every_search_query_is_an_address_with_the_goal():
    found = {target.name: target for target in targets.search_targets()}
    assert set(found) == set(targets.SEARCHES)
    for name, (language, query) in targets.SEARCHES.items():
        path = urlsplit(found[name].path)
        assert path.path == ("/zh-hans/search/" if language == "zh-hans" else "/search/")
        assert parse_qs(path.query) == {"q": [query]}
        assert found[name].target_ms == targets.SEARCH_TARGET_MS


def _large(*medians):
    rows = [
        {"name": name, "path": f"/search/?q={n}", "median_ms": median}
        for n, (name, median) in enumerate(zip(targets.SEARCHES, medians, strict=False))
    ]
    return {"database": "PostgreSQL 15.20", "results": rows}


def test_the_report_says_the_goal_is_met_with_the_slowest_query():
    (line,) = report._search_targets(_large(31.0, 28.0, 20.0))
    assert "met" in line and "missed" not in line
    assert "`/search/?q=0`, 31 ms" in line and "PostgreSQL" in line


def test_the_report_names_each_query_that_missed_it():
    (line,) = report._search_targets(_large(61.0, 28.0, 55.0))
    assert "missed by `/search/?q=0` (61 ms), `/search/?q=2` (55 ms)." in line
