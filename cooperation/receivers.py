"""Cooperation's answers to the signals of the apps below it (attendees' personal data)."""
