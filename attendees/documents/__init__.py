"""The PDFs attendees and organizers print: visa invitation letters, certificates of
attendance, name badges and the printable program (reportlab; fonts in `fonts`)."""
