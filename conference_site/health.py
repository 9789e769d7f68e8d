"""``/healthz/``: whether the site can serve, and what it is serving without.

A load balancer reads the status code: 200 while the site can answer visitors (``"ok"``, or
``"degraded"`` when a cache is down and pages are rendered uncached, or the task queue cannot be
read), 503 only when it cannot (the database does not answer). The JSON body says which
dependency is in which state, for the people watching.
"""

import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, DEGRADED, UNAVAILABLE = "ok", "degraded", "unavailable"
# django-tasks' database backend (django-tasks-db): tasks waiting for a worker.
TASKS_APP = "django_tasks_db"
TASK_READY = "READY"


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
    if not apps.is_installed(TASKS_APP):
        return {"status": OK, "backend": "none"}
    try:
        model = apps.get_model(apps.get_containing_app_config(TASKS_APP).label, "DBTaskResult")
        ready = model.objects.filter(status=TASK_READY).count()
    except (LookupError, AttributeError, DatabaseError) as error:
        logger.warning("Health check: the task queue cannot be read: %s", error)
        return {"status": DEGRADED}
    return {"status": OK, "backend": "database", "ready": ready}
