"""What every app may use and no app owns: the admin's history base and the site's absolute
addresses.

Not an app and not the site package: it imports Django and third-party libraries only, never
``events``, ``attendees`` or ``conference_site``, so that any of them may import it.
"""
