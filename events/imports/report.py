"""What an import of a schedule creates, updates and leaves alone, for the organizer to read."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import Edition

# How many new speakers named like existing ones the summary lists by name.
NAMESAKES_SHOWN = 20


@dataclass
class Changes:
    """What an import creates and updates of one kind of object (names, for the report)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class ImportReport:
    edition: Edition
    dry_run: bool
    rooms: Changes = field(default_factory=Changes)
    sub_forums: Changes = field(default_factory=Changes)
    speakers: Changes = field(default_factory=Changes)
    sessions: Changes = field(default_factory=Changes)
    # Sessions of the edition the file does not mention: left as they are.
    not_in_file: int = 0
    # New speakers named like someone already on the site: (name, source, identity), for the
    # organizer to say otherwise in the admin (see ``identities``).
    namesakes: list[tuple[str, str, str]] = field(default_factory=list)
    # The edition's new day change, when the file's differs.
    day_change: datetime.time | None = None

    def sections(self) -> list[tuple[str, Changes]]:
        return [
            (_("Rooms"), self.rooms),
            (_("Sub-forums"), self.sub_forums),
            (_("Speakers"), self.speakers),
            (_("Sessions"), self.sessions),
        ]

    @property
    def changes_anything(self) -> bool:
        changed = any(c.created or c.updated for _label, c in self.sections())
        return changed or self.day_change is not None

    def summary(self) -> list[str]:
        """One line per kind of object, for the command's output and the admin's message."""
        if self.dry_run:
            line = _("%(label)s: %(created)s to create, %(updated)s to update, %(same)s unchanged")
        else:
            line = _("%(label)s: %(created)s created, %(updated)s updated, %(same)s unchanged")
        lines = [
            line
            % {
                "label": label,
                "created": len(c.created),
                "updated": len(c.updated),
                "same": c.unchanged,
            }
            for label, c in self.sections()
        ]
        if self.not_in_file:
            lines.append(
                ngettext(
                    "%(count)s session of this edition is not in the file and stays as it is.",
                    "%(count)s sessions of this edition are not in the file and stay as they are.",
                    self.not_in_file,
                )
                % {"count": self.not_in_file}
            )
        for name, source, identity in self.namesakes[:NAMESAKES_SHOWN]:
            lines.append(
                _(
                    "“%(name)s” becomes a new speaker although a speaker of that name is already "
                    "on the site: people are matched by identity, not by name. If they are the "
                    "same person, add the identity “%(identity)s” of the source “%(source)s” to "
                    "that speaker in the admin, then import again."
                )
                % {"name": name, "source": source, "identity": identity}
            )
        if len(self.namesakes) > NAMESAKES_SHOWN:
            lines.append(
                _("… and %(count)s more new speakers named like existing ones.")
                % {"count": len(self.namesakes) - NAMESAKES_SHOWN}
            )
        if self.day_change is not None:
            lines.append(
                _("The edition's conference day now ends at %(time)s, as in the file.")
                % {"time": self.day_change.strftime("%H:%M")}
            )
        return lines
