"""Search over sessions, speakers, sub-forums, news and organizer pages (no JavaScript needed)."""

from django.shortcuts import render

from events import search


def search_page(request):
    raw = request.GET.get("q", "")
    try:
        query = search.clean_query(raw)
    except search.QueryError as error:
        context = {"query": raw[: search.MAX_QUERY_LENGTH], "error": error.message, "groups": []}
        return render(request, "events/search.html", context, status=400)
    groups = search.search(query) if query else []
    context = {
        "query": query,
        "groups": groups,
        "total": sum(len(group.results) for group in groups),
    }
    return render(request, "events/search.html", context)
