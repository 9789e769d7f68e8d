"""``/healthz/``: whether the site can serve, and what it is serving without.

A load balancer reads the status code: 200 while the site can answer visitors (``"ok"``, or
``"degraded"`` when a cache is down and pages are rendered uncached, or the task queue cannot be
read), 503 only when it cannot (the database does not answer). The JSON body says which
dependency is in which state, for the people watching.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, DEGRADED, UNAVAILABLE = "ok", "degraded", "unavailable"
# django-tasks' database backend (django-tasks-db): its backlog can be counted.
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@require_safe
def healthz(request):
    checks = {
        "database": _database(),
        **{f"cache:{alias}": _cache(alias) for alias in settings.CACHES},
        "task_queue": _task_queue(),
    }
    if checks["database"]["status"] != OK:
        status = UNAVAILABLE
    elif all(check["status"] == OK for check in checks.values()):
        status = OK
    else:
        status = DEGRADED
    response = JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == UNAVAILABLE else 200
    )
    add_never_cache_headers(response)
    return response


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: the database does not answer: %s", error)
        return {"status": UNAVAILABLE}
    return {"status": OK}


def _cache(alias: str) -> dict:
    cache = caches[alias]
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", 10)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except Exception as error:  # noqa: BLE001 - any backend, any failure: reported, not raised
        logger.warning("Health check: cache %r failed: %s", alias, error)
        answered = False
    return {"status": OK if answered else DEGRADED}


def _task_queue() -> dict:
    """Tasks due now that no worker has taken yet, and how long the oldest has waited: a backlog
    that only grows means the workers are stopped or too few (docs/deployment.md)."""
    if settings.TASKS["default"]["BACKEND"] != DATABASE_BACKEND:
        return {"status": OK, "backend": settings.TASKS["default"]["BACKEND"]}
    from django_tasks_db.models import DBTaskResult

    try:
        due = DBTaskResult.objects.ready()
        ready = due.count()
        oldest = due.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError as error:
        logger.warning("Health check: the task queue cannot be read: %s", error)
        return {"status": DEGRADED}
    waited = 0 if oldest is None else max(0, int((timezone.now() - oldest).total_seconds()))
    return {"status": OK, "backend": "database", "ready": ready, "oldest_ready_seconds": waited}
