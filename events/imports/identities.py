"""How a person in a schedule file is told apart from everyone else: identity, never the name.

A person is the speaker with the file's GUID; else the speaker an organizer or an earlier import
gave the file's person id within its source (the conference that wrote the file); else, for a
person the file gives no id at all, the speaker an earlier import of the same source made for
that name. Someone already on the site who merely shares the name is never taken: two people
called 王伟 stay two speakers. The preview lists such namesakes so that the organizer can say
otherwise (an identity added to the speaker in the admin).
"""

from events.models import Edition, SpeakerIdentity

from .frab import Person, Schedule

MAX_SOURCE = SpeakerIdentity._meta.get_field("source").max_length
MAX_ID = SpeakerIdentity._meta.get_field("external_id").max_length


def source_of(schedule: Schedule, edition: Edition) -> str:
    """The scope of the file's person ids: its acronym, else its title, else the edition."""
    source = schedule.acronym.strip() or schedule.title.strip() or f"edition-{edition.year}"
    return source[:MAX_SOURCE]


def key_of(person: Person) -> tuple:
    """Who ``person`` is within one file: by GUID, by the file's id, else by the name."""
    if person.guid:
        return ("guid", person.guid)
    if person.id:
        return ("id", person.id)
    return ("name", person.name)


def external_id(person: Person) -> str:
    """The identity kept for ``person`` in ``SpeakerIdentity.external_id``."""
    if person.id:
        return f"id:{person.id}"[:MAX_ID]
    return f"name:{person.name}"[:MAX_ID]


def aliases(persons: dict[tuple, Person]) -> dict[tuple, tuple]:
    """Within one file, a person given by name only who is the one person of that name the
    file identifies elsewhere (by GUID or id): their name key -> that person's key. Where
    several identified people share the name, the name alone says nothing and stays apart."""
    identified: dict[str, list[tuple]] = {}
    for key, person in persons.items():
        if key[0] != "name":
            identified.setdefault(person.name, []).append(key)
    return {
        key: identified[person.name][0]
        for key, person in persons.items()
        if key[0] == "name" and len(identified.get(person.name, ())) == 1
    }
