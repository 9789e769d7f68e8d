"""The program in formats other programs read: iCalendar and the frab schedule (XML and JSON)."""
