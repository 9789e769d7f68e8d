"""An import writes its texts into one language's fields: the file must agree on the language.

frab and pretalx give each event its ``language``. Importing a Chinese schedule with "English"
chosen would write Chinese titles into the English fields, which visitors of the English pages
then read; so an event whose language is another of the site's languages than the one chosen
is refused, naming the events and the language to choose. An event in a language the site does
not translate into (a German talk) goes into the chosen language's fields, as the organizer
decided.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from .frab import MAX_MESSAGES, Schedule

# How many disagreeing events the message names before "and N more".
NAMED = 10


def primary(code: str) -> str:
    """``zh`` for ``zh-hans``, ``zh_CN`` or ``ZH``; ``en`` for ``en-GB``."""
    return code.strip().replace("_", "-").split("-")[0].casefold()


def disagreements(schedule: Schedule, language: str) -> list[str]:
    """Why ``schedule`` may not be imported with its texts in ``language``, if at all."""
    chosen = primary(language)
    site = {primary(code): (code, name) for code, name in settings.LANGUAGES}
    wrong = [
        event
        for event in schedule.events
        if event.declared_language
        and primary(event.declared_language) in site
        and primary(event.declared_language) != chosen
    ]
    if not wrong:
        return []
    languages = sorted({primary(e.declared_language) for e in wrong})
    messages = [
        _(
            "%(count)s events of the file are in %(theirs)s, but the import was asked to "
            "write the texts as %(ours)s: they would land in the %(ours)s fields. Nothing was "
            "imported; choose %(theirs)s as the language of the file's texts."
        )
        % {
            "count": len(wrong),
            "theirs": ", ".join(str(site[code][1]) for code in languages),
            "ours": str(dict(settings.LANGUAGES).get(language, language)),
        }
    ]
    messages += [
        _("%(where)s: “%(title)s” is in “%(language)s”.")
        % {"where": e.where, "title": e.title, "language": e.declared_language}
        for e in wrong[: min(NAMED, MAX_MESSAGES)]
    ]
    if len(wrong) > NAMED:
        messages.append(_("… and %(count)s more.") % {"count": len(wrong) - NAMED})
    return messages
