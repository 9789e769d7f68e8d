"""The benchmark's synthetic editions (``python -m bench.generate``).

``edition`` writes the program (series, organizers, sub-forums, rooms, speakers, sessions,
news), ``registrations`` the people registered for it; ``texts`` holds the words of both.
"""
