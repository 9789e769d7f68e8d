"""``make bench``: generate the data, run both benchmarks, write docs/performance.md.

Environment: ``BENCH_SIZES`` (``normal,large``; ``normal`` for a quick run), ``DATABASE_URL``
(PostgreSQL: databases ``bench_normal`` and ``bench_large`` on that server), ``BENCH_REPEAT``
(timed requests per address, 20), ``BENCH_BUDGET`` (seconds per address before stopping early,
10), ``BENCH_LOAD`` (``off`` skips the load benchmark), ``BENCH_LOAD_SECONDS`` (10 per address).
"""

import json
import os
import subprocess
import sys
import time

from bench import environment, report

YEAR = str(environment.YEAR)


def main() -> None:
    sizes = environment.sizes()
    out = environment.results_dir()
    for old in out.glob("*.json"):  # figures of an earlier run never mix with this one's
        old.unlink()
    commands = [_make_command()]
    for size in sizes:
        prepare(size, out, commands)
    repeat = os.environ.get("BENCH_REPEAT", "20")
    budget = os.environ.get("BENCH_BUDGET", "10")
    for size in sizes:
        for cache in ("off", "on"):
            print(f"In-process, {size}, page cache {cache}:", file=sys.stderr, flush=True)
            args = ["-m", "bench.inprocess", "--size", size, "--year", YEAR]
            args += ["--repeat", repeat, "--budget", budget]
            args += ["--out", str(out / f"inprocess-{size}-{cache}.json")]
            env = environment.site_env(size, page_cache=cache == "on")
            commands.append(f"PAGE_CACHE={cache} python " + " ".join(args))
            subprocess.run([environment.PYTHON, *args], cwd=environment.ROOT, env=env, check=True)
    if os.environ.get("BENCH_LOAD", "on") != "off" and "normal" in sizes:
        print("Load (gunicorn, wrk), normal:", file=sys.stderr, flush=True)
        args = ["-m", "bench.load", "--size", "normal", "--year", YEAR]
        args += ["--duration", os.environ.get("BENCH_LOAD_SECONDS", "10")]
        args += ["--out", str(out / "load-normal.json")]
        commands.append("python " + " ".join(args))
        subprocess.run([environment.PYTHON, *args], cwd=environment.ROOT, check=True)
    (out / "commands.json").write_text(json.dumps(commands, indent=1))
    path = report.write()
    print(f"Wrote {path.relative_to(environment.ROOT)}", file=sys.stderr)


def prepare(size: str, out, commands: list[str]) -> None:
    """The database of ``size``: migrated, the demo loaded, the synthetic edition made current."""
    print(f"Preparing the {size} database:", file=sys.stderr, flush=True)
    environment.ensure_database(size)
    env = environment.site_env(size, page_cache=True)
    environment.manage("migrate", "--noinput", "-v", "0", env=env, log=commands)
    environment.manage("load_demo", env=env, log=commands)
    started = time.perf_counter()
    generate = ["-m", "bench.generate", "--size", size, "--edition", YEAR, "--replace", "--current"]
    output = environment.python(*generate, env=env, log=commands)
    seconds = time.perf_counter() - started
    print(f"  {output.strip()}", file=sys.stderr, flush=True)
    # What the worker does after every change, and a deploy before serving: the whole edition's
    # files (program.pdf, program.ics, schedule.xml/json), which the site then serves as stored.
    files = environment.manage("build_edition_files", env=env, log=commands)
    print("  " + files.strip().replace("\n", "\n  "), file=sys.stderr, flush=True)
    (out / f"prepare-{size}.json").write_text(
        json.dumps(
            {
                "size": size,
                "generate_seconds": round(seconds, 1),
                "output": output.strip(),
                "files": [line for line in files.splitlines() if line.startswith(YEAR)],
            }
        )
    )


def _make_command() -> str:
    settings = [f"{name}={os.environ[name]}" for name in _KNOBS if name in os.environ]
    return " ".join([*settings, "make bench"])


_KNOBS = (
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "BENCH_SIZES",
    "BENCH_REPEAT",
    "BENCH_BUDGET",
    "BENCH_LOAD",
    "BENCH_LOAD_SECONDS",
)


if __name__ == "__main__":
    main()
