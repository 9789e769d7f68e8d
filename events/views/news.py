"""News: the list, one article, and a preview of drafts for organizers."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.views.generic import ListView

from events import structured_data
from events.models import NewsArticle


class NewsListView(ListView):
    template_name = "events/news_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        return NewsArticle.objects.published().select_related("edition")


def news_detail(request, slug):
    article = get_object_or_404(
        NewsArticle.objects.published().select_related("edition__series"), slug=slug
    )
    context = {"article": article, "structured_data": structured_data.news_article(article)}
    return render(request, "events/news_detail.html", context)


@staff_member_required
# A draft is unpublished content: only who may change news reads it before it is published (a
# check-in desk member is staff too, but has no business with drafts).
@permission_required("events.change_newsarticle", raise_exception=True)
def news_preview(request, slug):
    """An article as it will look, whatever its status, for organizers checking a draft."""
    article = get_object_or_404(NewsArticle.objects.select_related("edition"), slug=slug)
    response = render(request, "events/news_detail.html", {"article": article, "is_preview": True})
    response["X-Robots-Tag"] = "noindex"
    return response
