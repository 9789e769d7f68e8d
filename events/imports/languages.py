"""An import writes its texts into one language's fields: the file must agree on the language.

frab and pretalx give each event its ``language``: the language it is given in, which is not
always the language its texts are written in (a Chinese ceremony is listed with an English title
on English pages). Importing a Chinese schedule with "English" chosen would write Chinese titles
into the English fields, which visitors of the English pages then read; so an event is refused
when it is given in another of the site's languages than the one chosen *and* its title is
written in that language's script (Chinese characters for Chinese; none for English). The
message names the events and the language to choose. An event in a language the site does not
translate into (a German talk) goes into the chosen language's fields, as the organizer decided.
"""

import re

from django.conf import settings
from django.utils.translation import gettext as _

from .frab import MAX_MESSAGES, Schedule

# How many disagreeing events the message names before "and N more".
NAMED = 10


def primary(code: str) -> str:
    """``zh`` for ``zh-hans``, ``zh_CN`` or ``ZH``; ``en`` for ``en-GB``."""
    return code.strip().replace("_", "-").split("-")[0].casefold()


# CJK Unified Ideographs and Extension A: a title with them is written in Chinese.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def written_in(text: str, code: str) -> bool:
    """Whether ``text`` is written in the script of the language ``code`` (``zh``, ``en``)."""
    has_han = bool(HAN.search(text))
    return has_han if code == "zh" else not has_han and any(c.isalpha() for c in text)


def _text_language(event, chosen: str, site) -> str | None:
    """The site language ``event``'s texts are written in, where it is not ``chosen``."""
    if chosen != "zh" and "zh" in site and HAN.search(event.title):
        return "zh"  # Chinese characters in a title are never English (or another script)
    declared = primary(event.language) if event.language else ""
    if declared in site and declared != chosen and written_in(event.title, declared):
        return declared
    return None


def disagreements(schedule: Schedule, language: str) -> list[str]:
    """Why ``schedule`` may not be imported with its texts in ``language``, if at all."""
    chosen = primary(language)
    site = {primary(code): (code, name) for code, name in settings.LANGUAGES}
    found = [(event, _text_language(event, chosen, site)) for event in schedule.events]
    wrong = [(event, code) for event, code in found if code]
    if not wrong:
        return []
    languages = sorted({code for _event, code in wrong})
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
        % {"where": e.where, "title": e.title, "language": code}
        for e, code in wrong[: min(NAMED, MAX_MESSAGES)]
    ]
    if len(wrong) > NAMED:
        messages.append(_("… and %(count)s more.") % {"count": len(wrong) - NAMED})
    return messages
