"""What the services raise when a rule refuses a change."""


class RegistrationError(Exception):
    """A rule refused the change; the message is meant for the person who asked for it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RegistrationBusy(RegistrationError):
    """Too many changes at once for the same edition; trying again a moment later works."""
