"""``{% session_list %}``: a listing of sessions, written by its Jinja2 template.

Django's ``{% include %}`` reads Django templates only; this tag hands the rows to the Jinja2
template (events/jinja_templates.py says why that one template is Jinja2's).
"""

from django import template
from django.template import engines
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def session_list(sessions, *, heading_level: int, show_date: bool, show_sub_forum: bool):
    """``{% session_list sessions heading_level=3 show_date=False show_sub_forum=True %}``"""
    listing = engines["jinja2"].get_template("partials/session_list.html")
    context = {
        "sessions": sessions,
        "heading_level": heading_level,
        "show_date": show_date,
        "show_sub_forum": show_sub_forum,
    }
    # The output of a template engine that escaped every value (autoescape is on).
    return SafeString(listing.render(context))
