"""The scope of public content the board's pages show (events/versions.py explains scopes).

Every public page of the board is filed under it (with the site's frame and its edition's
program, for the focus fields); a change to any item replaces its token (`receivers`).
"""

COOPERATION = "cooperation"
