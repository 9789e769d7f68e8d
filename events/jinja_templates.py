"""The Jinja2 environment of the site's three Jinja2 templates (templates/jinja2/).

All are long loops: the program lists hundreds of sessions, where Django's template engine
spends about 90 µs a row resolving and escaping some thirty values and Jinja2, which compiles a
template to Python and escapes with markupsafe, under 20 µs; the registration form's country
drop-downs write 250 options each (5 ms a drop-down in Django's engine, under 2 ms in Jinja2's);
the search page cuts up to a hundred results into highlighted parts.
docs/performance.md has the figures. Every other template is Django's. Texts are translated by
Django's own catalogs, so ``_("...")`` reads what ``{% translate %}`` reads.
"""

from django.utils import translation
from jinja2 import Environment


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    return env
