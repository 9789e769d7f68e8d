"""Rendering schema.org JSON-LD (built in ``events/structured_data.py``) inside a page's <head>."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

register = template.Library()

# Inside <script> the HTML parser ends the element at "</script" whatever the JSON says, so the
# characters that could start markup are written as JSON escapes; the data reads the same.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def json_ld(data) -> str:
    """``data`` as a ``<script type="application/ld+json">`` element no text can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
