"""The read-only JSON API under /api/, with its OpenAPI document at /api/openapi.json.

django-ninja builds the OpenAPI document from the same schemas that serialize the responses,
so the two cannot disagree. See docs/api.md.
"""

from django.http import JsonResponse
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from pydantic import BaseModel, ConfigDict

from events.versions import NEWS, PROGRAM

from . import editions, news, program, speakers

# Every answer is public and may show any edition's program and the news: the site caches the
# whole API under these scopes (conference_site/page_cache.py, events/versions.py).
PAGE_SCOPES = (PROGRAM, NEWS)


class ReadableJSONRenderer(JSONRenderer):
    """UTF-8 JSON with Chinese text as itself rather than \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Conference API",
    version="1",
    description="Read-only public data of the conference: editions, sub-forums, sessions, "
    "speakers and news. Every text comes in English (`en`) and Chinese (`zh-hans`).",
    urls_namespace="api",
    openapi_url="/openapi.json",
    # ninja's documentation page loads Swagger UI from a CDN; the document itself is enough.
    docs_url=None,
    renderer=ReadableJSONRenderer(),
)


# The lists the apps above events add to the API (the cooperation board), by key, with the URL
# name of each: ``add_to_index`` fills it when those apps are ready.
ADDED_TO_INDEX: dict[str, str] = {}


def add_to_index(key: str, url_name: str) -> None:
    """List another app's resource in the API's index, ``/api/``, and its schema.

    Call it from the app's ``AppConfig.ready``, where it adds its router; ``url_name`` is the
    operation's, in the ``api`` namespace.
    """
    ADDED_TO_INDEX[key] = url_name


def _document_added_entries(schema: dict) -> None:
    # The added keys are documented exactly as the declared ones, each required.
    for key in ADDED_TO_INDEX:
        schema["properties"][key] = {"title": key.replace("_", " ").title(), "type": "string"}
        schema["required"].append(key)
    schema.pop("additionalProperties", None)


class IndexOut(BaseModel):
    # Extra keys are those of `add_to_index`: kept in the answer and listed in the document. A
    # plain pydantic model, as ninja's `Schema` reads only the declared fields of what it is given.
    model_config = ConfigDict(extra="allow", json_schema_extra=_document_added_entries)

    openapi: str
    editions: str
    sub_forums: str
    sessions: str
    speakers: str
    news: str


INDEX = {
    "openapi": "openapi-json",
    "editions": "list_editions",
    "sub_forums": "list_sub_forums",
    "sessions": "list_sessions",
    "speakers": "list_speakers",
    "news": "list_news",
}


@api.get("/", response=IndexOut, tags=["index"], operation_id="index")
def index(request):
    """Where each resource and the OpenAPI document are."""
    names = {**INDEX, **ADDED_TO_INDEX}
    return {key: request.build_absolute_uri(reverse(f"api:{name}")) for key, name in names.items()}


api.add_router("/editions/", editions.router)
api.add_router("/", program.router)
api.add_router("/speakers/", speakers.router)
api.add_router("/news/", news.router)


def api_query_parameters() -> dict[str, tuple[str, ...]]:
    """The query parameters of each operation, by URL name, as the OpenAPI document lists them.

    The page cache tells an answer's copies apart by these alone (conference_site/page_cache.py).
    Read from the document so that a parameter added to an operation is never forgotten there.
    """
    document = api.get_openapi_schema(path_prefix="")
    return {
        operation["operationId"]: tuple(
            parameter["name"]
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query"
        )
        for operations in document["paths"].values()
        for operation in operations.values()
    }


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    """A malformed parameter is a 400 with one readable line, like an unknown value."""
    messages = [
        f"{error['loc'][-1]}: {error['msg']}" if error.get("loc") else error["msg"]
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": "; ".join(messages)}, status=400)


def not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"detail": "There is no such address in the API."}, status=404)
