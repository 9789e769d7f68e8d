"""A worker process that stalls inside a registration's transaction until it is killed.

Run by tests/attendees/test_worker_killed.py as ``python -m tests.attendees.stalling_worker
register EDITION_ID EMAIL`` or ``... confirm REGISTRATION_ID``, with DATABASE_URL naming the
test's database. It calls the real service; only sending email is wrapped (here, never in the
site's code): the message is stored in the outbox as usual, after the service's other writes,
then the worker prints "paused" and waits for the parent's SIGKILL, its transaction still open.
"""

import os
import sys
import threading

import django


def main(step: str, pk: str, email: str = "") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference_site.settings")
    django.setup()

    from attendees import emails, services
    from attendees.models import Registration
    from events.models import Edition

    real_send = emails.send

    def send_then_stall(kind, registration):
        real_send(kind, registration)
        print("paused", flush=True)
        threading.Event().wait(timeout=120)  # killed long before; never outlive a lost parent
        os._exit(3)

    emails.send = send_then_stall
    if step == "register":
        edition = Edition.objects.get(pk=pk)
        services.register(
            edition=edition,
            details={
                "name": "Killed Midway",
                "email": email,
                "organization": "Northeastern University",
                "organization_type": "university",
                "country": "CN",
                "category": "expert",
                "mode": "on_site",
            },
            sub_forums=list(edition.sub_forums.all()),
            language="en",
        )
    else:
        services.confirm_email(registration=Registration.objects.get(pk=pk))
    print("finished without pausing", flush=True)
    os._exit(4)


if __name__ == "__main__":
    main(*sys.argv[1:])
