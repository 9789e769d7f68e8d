"""Where one address spends its time: cProfile over a few requests.

    python -m bench.profile /2030/program/            # the normal-size database
    python -m bench.profile --size large /2030/speakers/
    python -m bench.profile --register                # the registration POST
    BENCH_CACHE_URL=redis://127.0.0.1:6379/14 python -m bench.profile --cache on /2030/

Run ``make bench`` (or ``BENCH_SIZES=normal make bench``) once first: it makes the databases.
"""

import argparse
import cProfile
import io
import os
import pstats
import time

import django

from bench import environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="an address of the site")
    parser.add_argument("--size", default="normal", choices=environment.SIZES)
    parser.add_argument("--register", action="store_true", help="profile the registration POST")
    parser.add_argument("--cache", choices=("on", "off"), default="off", help="the page cache")
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", help="cumulative, tottime, ...")
    args = parser.parse_args()
    if not args.path and not args.register:
        parser.error("give an address or --register")
    os.environ.update(
        environment.site_env(
            args.size, page_cache=args.cache == "on", RATE_LIMIT_REGISTER="100000000/h"
        )
    )
    django.setup()
    from django.test import Client

    client = Client()
    request = _registration(client) if args.register else (lambda n: client.get(args.path))
    request(0)  # warm-up: templates compiled, connections opened
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for number in range(1, args.requests + 1):
        response = request(number)
    profiler.disable()
    if os.environ.get("BENCH_PROFILE_OUT"):
        profiler.dump_stats(os.environ["BENCH_PROFILE_OUT"])
    elapsed = (time.perf_counter() - started) / args.requests * 1000
    print(f"{response.status_code}, {len(response.content)} bytes, {elapsed:.1f} ms a request")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


def _registration(client):
    from events.models import Edition

    edition = Edition.objects.get(year=environment.YEAR)
    sub_forum = edition.sub_forums.order_by("order").first()
    path = f"/{edition.year}/register/"
    run = int(time.time())
    fields = {
        "name": "Profile Test",
        "organization": "Synthetic University",
        "organization_type": "university",
        "position": "Engineer",
        "country": "CN",
        "category": "expert",
        "mode": "on_site",
        "privacy_consent": "on",
        "sub_forums": [sub_forum.pk],
    }
    return lambda n: client.post(path, {**fields, "email": f"profile.{run}.{n}@example.org"})


if __name__ == "__main__":
    main()
