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
    """``data`` as JSON that no text can break out of, for base.html's ``<script>`` element.

    Django's ``json_script`` escapes the same way but writes ``type="application/json"``, which
    search engines do not read as JSON-LD.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(text)
