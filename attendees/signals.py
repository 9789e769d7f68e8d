"""Hooks for the apps above attendees (``cooperation``), which attendees never imports.

Each signal is sent with ``sender=Registration`` and ``registration``:

- ``personal_page_sections`` (and ``token``, the signed personal link): a receiver returns a
  section for the attendee's personal page, ``{"template": ..., "context": {...}}``, or
  ``None``; the page includes each template with its context, in the receivers' order.
- ``personal_data_export``: a receiver returns ``(key, data)``, added to the attendee's data
  download under ``key`` (plain, JSON-ready data), or ``None``.
- ``personal_data_erasing``: sent inside the transaction that anonymizes the registration
  after the retention period, before its fields are erased; receivers erase what they hold
  about the attendee. Deleting a registration needs no signal: rows that point to it go with
  it (``on_delete=CASCADE``).
- ``registration_cancelled``: sent inside the transaction that cancels the registration
  (`services.cancel`), after its new status is saved and while its row is locked; receivers
  withdraw what the attendee offered others, in the same transaction, so that the
  cancellation and its consequences are saved together or not at all. Their emails go to the
  outbox in that transaction too (`attendees.emails.queue`).
"""

from django.dispatch import Signal

personal_page_sections = Signal()
personal_data_export = Signal()
personal_data_erasing = Signal()
registration_cancelled = Signal()


def personal_sections(registration, token: str) -> list[dict]:
    """The sections other apps add to the attendee's personal page."""
    responses = personal_page_sections.send(
        sender=type(registration), registration=registration, token=token
    )
    return [section for _receiver, section in responses if section]


def exported_data(registration) -> dict:
    """What other apps hold about the attendee, by key, for the data download."""
    responses = personal_data_export.send(sender=type(registration), registration=registration)
    return dict(entry for _receiver, entry in responses if entry)
