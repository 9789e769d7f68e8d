"""``{% search_results %}``: one kind's search results, written by their Jinja2 template.

A broad query shows a hundred results cut into highlighted parts; Django's engine spent a third
of the search page's time on that loop (events/jinja_templates.py says why such loops are
Jinja2's).
"""

from django import template
from django.template import engines
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def search_results(results):
    """``{% search_results group.results %}``"""
    listing = engines["jinja2"].get_template("partials/search_results.html")
    # The output of a template engine that escaped every value (autoescape is on).
    return SafeString(listing.render({"results": results}))
