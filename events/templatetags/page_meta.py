"""What base.html needs to say the same thing in several <head> tags (title, OpenGraph, Twitter)."""

from django import template
from django.utils.safestring import mark_safe

from common.absolute_urls import absolute_url

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The blocks inside stay overridable: Django finds them in any tag's nodelist. The output
        # was escaped while rendering; strip() returns a plain str, so mark it safe again.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}...{% endcapture %}``: render once, use as ``{{ name }}`` anywhere.

    base.html wraps its page_title, meta_description and canonical_path blocks in it, so a page
    that overrides a block once fills <title>, og:title and twitter:title alike.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.filter
def absolute(url: str) -> str:
    """A path or media URL as an absolute address on the public site (SITE_URL)."""
    return absolute_url(str(url)) if url else ""
