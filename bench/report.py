"""Writes docs/performance.md from the results in bench/.data/results/<database>/."""

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

from bench import environment, targets

DOC = environment.ROOT / "docs" / "performance.md"
LANGUAGE = {"en": "en", "zh-hans": "zh", "": ""}
BUDGET = os.environ.get("BENCH_BUDGET", "10")


# The reasons behind the misses, written by hand: they change with the code, not with each run.
ANALYSIS = Path(__file__).with_name("analysis.md")


def write() -> Path:
    current = environment.database_label()
    results = _load(environment.results_dir())
    others = {
        label: _load(environment.DATA / "results" / label)
        for label in ("sqlite", "postgresql")
        if label != current and (environment.DATA / "results" / label).is_dir()
    }
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (bench/run.py); bench/README.md explains the harness. Figures",
        "from a machine others were using at the same time are noisy: compare ratios to the",
        "floor, measured in the same run, rather than milliseconds between runs.",
        "",
        *_machine(results),
        *_commands(results),
        *_generation(results),
    ]
    for size in ("normal", "large"):
        if (size, "off") in results["inprocess"]:
            lines += _inprocess_table(results, size)
    if results["load"]:
        lines += _load_table(results["load"], current)
    for label, other in others.items():
        if other["load"]:
            command = other["commands"][0] if other["commands"] else None
            lines += _load_table(other["load"], label, earlier=True, command=command)
    lines += _targets(results, others)
    lines += ["", ANALYSIS.read_text().rstrip()]
    DOC.write_text("\n".join(lines).rstrip() + "\n")
    return DOC


def _load(folder: Path) -> dict:
    found = {"inprocess": {}, "load": None, "prepare": {}, "commands": []}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text())
        if path.name.startswith("inprocess-"):
            found["inprocess"][(data["size"], "on" if data["page_cache"] else "off")] = data
        elif path.name.startswith("load-"):
            found["load"] = data | {"written": path.stat().st_mtime}
        elif path.name.startswith("prepare-"):
            found["prepare"][data["size"]] = data
        elif path.name == "commands.json":
            found["commands"] = data
    return found


def _machine(results: dict) -> list[str]:
    any_run = next(iter(results["inprocess"].values()), {})
    load = results["load"] or {}
    memory = _meminfo().get("MemTotal", 0) / 1024 / 1024
    loads = [run["load_average"][0] for run in results["inprocess"].values()]
    cache = any_run.get("cache_backend", "?")
    rows = [
        ("Date", datetime.datetime.now().strftime("%Y-%m-%d %H:%M")),
        ("Revision", _git_revision()),
        ("CPU", f"{_cpu_model()}, {os.cpu_count()} cores"),
        ("Memory", f"{memory:.1f} GiB"),
        ("System", f"{platform.system()} {platform.release()}"),
        ("Python", any_run.get("python", platform.python_version())),
        ("Django", any_run.get("django", "?")),
        ("Database", any_run.get("database", "?")),
        ("Cache (in-process)", f"{cache} (one per process)"),
        ("Cache (load)", _cache_label(load.get("cache_url"))),
        ("Load generator", load.get("wrk", "not run")),
        (
            "Load average (1 min) at the start of each in-process run",
            ", ".join(f"{x:.1f}" for x in loads) or "?",
        ),
    ]
    return [
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in rows],
        "",
        "The load generator runs on the same machine as gunicorn and takes CPU from it: on a",
        "machine with few cores the load figures are a lower bound.",
        "",
    ]


def _commands(results: dict) -> list[str]:
    if not results["commands"]:
        return []
    return [
        "## Commands",
        "",
        "What this run executed, from the project's root, each with the environment of",
        "`bench/environment.py` (DEBUG off, the benchmark's URLconf, one database per size):",
        "",
        "```sh",
        *results["commands"],
        "```",
        "",
    ]


def _generation(results: dict) -> list[str]:
    if not results["prepare"]:
        return []
    lines = ["## Data", ""]
    for size, data in results["prepare"].items():
        lines.append(f"- {size}: {data['output']} (command: {data['generate_seconds']} s)")
    built = {size: data["files"] for size, data in results["prepare"].items() if data.get("files")}
    if built:
        lines += [
            "",
            "The whole edition's files, drawn by `manage.py build_edition_files` (what the worker",
            "does after each change; the site serves them as stored, see the exports below):",
            "",
        ]
        for size, files in built.items():
            lines += [f"- {size}: {line}" for line in files]
    return [*lines, ""]


def _inprocess_table(results: dict, size: str) -> list[str]:
    off = results["inprocess"][(size, "off")]
    on = results["inprocess"].get((size, "on"))
    floor = _floor(off)
    normal = results["inprocess"].get(("normal", "off")) if size == "large" else None
    floors = f"floor median {floor:.2f} ms with the page cache off"
    if on:
        floors += f", {_floor(on):.2f} ms with it on"
    lines = [
        f"## In-process, {size} size",
        "",
        f"Django's test client, DEBUG off, {off['repeat']} timed requests per address after "
        f"warm-up (fewer for slow ones, after about {BUDGET} s); times in ms; {floors}. "
        "Targets (normal size, median, cache off): ✓ met, ✗ missed.",
        "",
        "| address | lang | status | queries off/on | KB | off median | off p95 | on median | "
        "on p95 | off ÷ floor | target |" + (" vs normal |" if normal else ""),
        "|---|---|---|---|---|---|---|---|---|---|---|" + ("---|" if normal else ""),
    ]
    cached = {_key(r): r for r in on["results"]} if on else {}
    baseline = {_key(r): r for r in normal["results"]} if normal else {}
    for row in off["results"]:
        other = cached.get(_key(row), {})
        ratio = row["median_ms"] / floor if floor else 0
        target = row.get("target_ms")
        verdict = ""
        if target and size == "normal":
            verdict = f"{target} {'✓' if row['median_ms'] < target else '✗'}"
        cells = [
            f"`{row['path']}`" if row["kind"] != "floor" else "**floor** (`/floor/`)",
            LANGUAGE.get(row["language"], row["language"]),
            str(row["status"]),
            f"{row['queries']}/{other.get('queries', '–')}",
            f"{row['bytes'] / 1024:.1f}",
            f"{row['median_ms']:.2f}",
            f"{row['p95_ms']:.2f}",
            f"{other['median_ms']:.2f}" if other else "–",
            f"{other['p95_ms']:.2f}" if other else "–",
            f"{ratio:.1f}",
            verdict,
        ]
        if normal:
            base = baseline.get(_key(row))
            cells.append(f"{row['median_ms'] / base['median_ms']:.2f}×" if base else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _load_table(
    load: dict, label: str, *, earlier: bool = False, command: str | None = None
) -> list[str]:
    when = datetime.datetime.fromtimestamp(load["written"]).strftime("%Y-%m-%d %H:%M")
    title = f"## Under load ({label})" + (f", from an earlier run ({when})" if earlier else "")
    lines = [title, ""]
    if command:
        lines += [f"Run by `{command}`.", ""]
    lines += [
        f"gunicorn, {load['workers']} sync workers, DEBUG off, static files collected, "
        f"CONN_MAX_AGE={load.get('conn_max_age', '60')}, cache: "
        f"{_cache_label(load['cache_url'])}, page copies: "
        f"{_cache_label(load.get('page_cache_url', 'locmemcache'))}; "
        f"wrk with {load['wrk_threads']} threads, "
        f"{load['connections']} connections for GET ({load['register_connections']} for the "
        f"registration POST), {load['duration_s']} s per address; {load['size']} size.",
        "",
        "| page cache | address | requests/s | ÷ floor | p50 ms | p99 ms | errors | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for mode in load["modes"]:
        floor = next((r for r in mode["results"] if r["name"] == "floor"), None)
        for row in mode["results"]:
            ratio = row["requests_per_s"] / floor["requests_per_s"] if floor else 0
            notes = ""
            if "registrations_created" in row:
                notes = (
                    f"{row['registrations_created']} registrations written for "
                    f"{row['requests']} requests"
                )
            lines.append(
                f"| {'on' if mode['page_cache'] else 'off'} | {row['name']} (`{row['path']}`) | "
                f"{row['requests_per_s']:.0f} | {ratio:.2f} | {row['p50_ms']:.1f} | "
                f"{row['p99_ms']:.1f} | {row['errors']} | {notes} |"
            )
    return [*lines, ""]


def _targets(results: dict, others: dict) -> list[str]:
    lines = ["## Against the issue's targets", ""]
    normal = results["inprocess"].get(("normal", "off"))
    large = results["inprocess"].get(("large", "off"))
    if normal:
        lines += _query_targets(normal, large)
        lines += _time_targets(normal)
    if normal and large:
        lines += _constant_content_targets(normal, large)
    if large:
        lines += _search_targets(large)
    load = results["load"]
    lines += _load_targets(load, environment.database_label())
    for label, other in others.items():
        if other["load"] and label == "postgresql":
            lines += _registration_target(other["load"], label, earlier=True)
    return lines


def _query_targets(normal: dict, large: dict | None) -> list[str]:
    over = [r for r in normal["results"] if r["kind"] != "floor" and r["queries"] > 12]
    growing = []
    if large:
        at_large = {_key(r): r for r in large["results"]}
        growing = [
            (r, at_large[_key(r)])
            for r in normal["results"]
            if _key(r) in at_large and at_large[_key(r)]["queries"] != r["queries"]
        ]
    lines = [
        f"- **Queries at most {targets.QUERY_LIMIT} (cache off):** "
        + (
            "met on every address."
            if not over
            else "missed by " + ", ".join(f"`{r['path']}` ({r['queries']})" for r in over) + "."
        )
    ]
    if large:
        lines.append(
            "- **The same number of queries at both sizes:** "
            + (
                "met on every address."
                if not growing
                else "missed by "
                + ", ".join(f"`{a['path']}` ({a['queries']} → {b['queries']})" for a, b in growing)
                + "."
            )
        )
    else:
        lines.append("- **The same number of queries at both sizes:** not measured (normal only).")
    return lines


def _time_targets(normal: dict) -> list[str]:
    missed = [
        r for r in normal["results"] if r.get("target_ms") and r["median_ms"] >= r["target_ms"]
    ]
    if not missed:
        return ["- **Uncached in-process times (normal size, median):** met on every address."]
    worst = sorted(missed, key=lambda r: r["median_ms"] / r["target_ms"], reverse=True)
    return [
        "- **Uncached in-process times (normal size, median):** missed by "
        f"{len(missed)} of {len(normal['results']) - 1} addresses:",
        *[
            f"  - `{r['path']}`: {r['median_ms']:.0f} ms for {r['target_ms']} ms "
            f"({r['median_ms'] / r['target_ms']:.1f}× the target)"
            for r in worst
        ],
    ]


def _search_targets(large: dict) -> list[str]:
    rows = [r for r in large["results"] if r["name"] in targets.SEARCHES]
    slow = [r for r in rows if r["median_ms"] >= targets.SEARCH_TARGET_MS]
    where = f"large size, {large['database']}"
    if not rows:
        return []
    if not slow:
        slowest = max(rows, key=lambda r: r["median_ms"])
        return [
            f"- **Search under {targets.SEARCH_TARGET_MS} ms uncached ({where}, median):** met; "
            f"the slowest, `{slowest['path']}`, {slowest['median_ms']:.0f} ms."
        ]
    return [
        f"- **Search under {targets.SEARCH_TARGET_MS} ms uncached ({where}, median):** missed by "
        + ", ".join(f"`{r['path']}` ({r['median_ms']:.0f} ms)" for r in slow)
        + "."
    ]


def _constant_content_targets(normal: dict, large: dict) -> list[str]:
    at_large = {_key(r): r for r in large["results"]}
    floor_ratio = _floor(large) / _floor(normal)
    rows = []
    for row in normal["results"]:
        if row["name"] in targets.CONSTANT_CONTENT and _key(row) in at_large:
            ratio = at_large[_key(row)]["median_ms"] / row["median_ms"]
            rows.append(f"`{row['path']}` {ratio:.2f}×{' ✓' if ratio <= 1.2 else ' ✗'}")
    return [
        "- **Pages whose content does not grow cost the same at the large size** (large ÷ "
        f"normal median, ✓ within 20 %; the floor's own ratio is {floor_ratio:.2f}×): "
        + ", ".join(rows)
        + "."
    ]


def _load_targets(load: dict | None, label: str) -> list[str]:
    if not load:
        return ["- **Under load:** not measured in this run."]
    cached = next((m for m in load["modes"] if m["page_cache"]), None)
    lines = []
    if cached:
        floor = next(r for r in cached["results"] if r["name"] == "floor")
        pages = [r for r in cached["results"] if r["name"] not in ("floor", "registration POST")]
        verdicts = [
            f"{r['name']} {r['requests_per_s'] / floor['requests_per_s']:.0%} of the floor, "
            f"p99 {r['p99_ms']:.0f} ms"
            + (
                " ✓"
                if r["requests_per_s"] >= 0.8 * floor["requests_per_s"] and r["p99_ms"] < 50
                else " ✗"
            )
            for r in pages
        ]
        lines.append(
            "- **Cached pages under load at 80 % of the floor's requests/s, p99 under 50 ms:** "
            + "; ".join(verdicts)
            + "."
        )
    lines += _registration_target(load, label)
    return lines


def _registration_target(load: dict, label: str, *, earlier: bool = False) -> list[str]:
    row = next(
        (r for m in load["modes"] for r in m["results"] if r["name"] == "registration POST"), None
    )
    if row is None:
        return []
    met = row["p99_ms"] < 150 and row["errors"] == 0
    where = f"on {label}" + (" (earlier run)" if earlier else "")
    note = "" if label == "postgresql" else " (the target is for PostgreSQL)"
    return [
        f"- **Registration POST, {row['connections']} clients, p99 under 150 ms and no error, "
        f"{where}{note}:** p99 {row['p99_ms']:.0f} ms, {row['errors']} errors, "
        f"{row['requests_per_s']:.0f} requests/s {'✓' if met else '✗'}."
    ]


def _key(row: dict) -> tuple[str, str]:
    return row["name"], row["language"]


def _floor(run: dict | None) -> float:
    if not run:
        return 0.0
    return next(r["median_ms"] for r in run["results"] if r["kind"] == "floor")


def _cache_label(url: str | None) -> str:
    return {
        "redis": "Redis (shared by the workers)",
        "locmemcache": "local memory (per worker)",
    }.get(url or "", url or "not run")


def _meminfo() -> dict[str, int]:
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return {}
    return {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _git_revision() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=environment.ROOT,
        capture_output=True,
        text=True,
    )
    revision = done.stdout.strip() or "?"
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=environment.ROOT, capture_output=True, text=True
    )
    return f"{revision} (with uncommitted changes)" if dirty.stdout.strip() else revision


if __name__ == "__main__":
    print(write())
