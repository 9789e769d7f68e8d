"""``{% organizer_home as home %}``: what the admin home shows above the list of models.

The admin home (templates/admin/index.html) is Django's; this tag brings in the edition, its
registration figures and the organizer's tasks (`attendees.admin.home`).
"""

from django import template

from ..admin.home import OrganizerHome
from ..admin.home import organizer_home as build

register = template.Library()


@register.simple_tag(takes_context=True)
def organizer_home(context) -> OrganizerHome:
    return build(context["request"])
