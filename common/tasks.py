"""Enqueueing a task so that it exists exactly when the current transaction commits.

Shared by the apps (``events``, ``attendees``), which each keep their own tasks.
"""

import datetime

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend


def enqueue(
    work: Task,
    *args,
    priority: int | None = None,
    run_after: datetime.datetime | None = None,
) -> None:
    """Enqueue ``work`` so that it exists exactly when the current transaction commits.

    The database backend writes the task's row inside the transaction itself: rolled back
    with it, and never lost between a commit and a crash. Any other backend (Redis, or the
    immediate one) is only told after the commit, so a worker never looks for rows that are not
    there yet.
    """
    configured = work.using(priority=priority, run_after=run_after)
    if isinstance(configured.get_backend(), DatabaseBackend):
        configured.enqueue(*args)
        return

    def after_commit():
        configured.enqueue(*args)

    transaction.on_commit(after_commit, robust=True)
