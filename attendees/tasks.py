"""Work the task queue's workers do (`manage.py db_worker`, docs/deployment.md), not requests.

A request or a service only writes its rows and enqueues one of these with `enqueue`. The
functions behind the tasks are imported when the task runs, so that modules enqueueing them
(`emails`, `receivers`) can import this one without a cycle.
"""

import logging

from django_tasks import task

from common.tasks import enqueue as enqueue

logger = logging.getLogger(__name__)

EMAIL_QUEUE = "email"
# Messages about one attendee's own registration go before mailings to many.
ATTENDEE_EMAIL_PRIORITY = 10
BULK_EMAIL_PRIORITY = -10


@task(queue_name=EMAIL_QUEUE, priority=ATTENDEE_EMAIL_PRIORITY)
def deliver_email(email_id: int) -> str:
    """Send one stored message; on failure it enqueues its own retry (`emails.deliver`)."""
    from . import emails

    return emails.deliver(email_id)


@task(queue_name=EMAIL_QUEUE, priority=BULK_EMAIL_PRIORITY)
def send_bulk_email(bulk_email_id: int) -> int:
    """Enqueue a delivery for each message of a mailing still waiting: one task per person."""
    from . import bulk_email

    return bulk_email.enqueue_messages(bulk_email_id)


@task()
def promote_waitlist(edition_id: int) -> int:
    """Give the places a capacity change freed to the waitlist; returns how many were promoted."""
    from events.models import Edition

    from . import services

    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        return 0
    return len(services.promote_waitlist(edition=edition))
