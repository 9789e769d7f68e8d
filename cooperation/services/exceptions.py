"""What the cooperation services raise when a rule refuses a change."""


class CooperationError(Exception):
    """A rule refused the change; the message is meant for the person who asked for it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
