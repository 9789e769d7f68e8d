"""The frame every cooperation email shares: the attendee's language, links and outbox."""

from django.template.loader import render_to_string
from django.utils import translation
from post_office.models import Email

from attendees import emails as attendee_emails
from attendees import links
from attendees.models import Registration


def send_email(template_name: str, *, registration: Registration, subject, context: dict) -> Email:
    """Render ``templates/emails/cooperation/<template_name>.{txt,html}`` in the attendee's
    language and queue it to their address; ``subject`` is a lazy string with ``%(edition)s``."""
    edition = registration.edition
    with translation.override(registration.language):
        full_context = {
            "registration": registration,
            "edition": edition,
            "edition_url": links.absolute(edition.get_absolute_url()),
            "manage_url": links.manage_url(registration),
            **context,
        }
        text = render_to_string(f"emails/cooperation/{template_name}.txt", full_context)
        html = render_to_string(f"emails/cooperation/{template_name}.html", full_context)
        line = str(subject) % {"edition": edition.short_title or edition.title}
    return attendee_emails.queue(
        to=registration.email, subject=" ".join(line.split()), text=text, html=html
    )
