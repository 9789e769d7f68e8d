"""The Jinja2 environment of the site's one Jinja2 template (templates/jinja2/).

The program lists hundreds of sessions; Django's template engine spends about 50 µs a row
resolving and escaping some thirty values, Jinja2, which compiles a template to Python and
escapes with markupsafe, about half that. Every other template is Django's. Texts are
translated by Django's own catalogs, so ``_("...")`` reads what ``{% translate %}`` reads.
"""

from django.utils import translation
from jinja2 import Environment


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    return env
