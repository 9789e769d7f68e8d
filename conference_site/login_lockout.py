"""django-axes, adapted: over-long usernames, and a lockout per account across addresses.

The settings (AXES_USERNAME_CALLABLE, AXES_HANDLER) point here; docs/security.md says what an
organizer does about a lockout.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

# axes stores the username of every failed login in a column of 255 characters: a longer one
# made the login answer 500 on PostgreSQL ("value too long"), before the form could refuse it.
USERNAME_MAX_LENGTH = AccessAttempt._meta.get_field("username").max_length


def username(request, credentials=None):
    """The username axes counts failures under (AXES_USERNAME_CALLABLE), cut to what it stores.

    Accounts have at most 150 characters, so two usernames that differ only beyond the 255th
    are never two accounts: counting them together loses nothing.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (
        credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    )
    if isinstance(value, str):
        return value[:USERNAME_MAX_LENGTH]
    return value


class AccountLockoutHandler(AxesDatabaseHandler):
    """Also locks an account after AXES_ACCOUNT_FAILURE_LIMIT failures from any addresses.

    axes counts failures per username and address (AXES_LOCKOUT_PARAMETERS), so that nobody can
    lock an organizer out from elsewhere; but then guesses spread over many addresses were never
    stopped. This second, higher limit sums the failures of every address within the cool-off.
    """

    def get_failures(self, request, credentials=None) -> int:
        """axes locks when this reaches AXES_FAILURE_LIMIT, both before and after a failure."""
        failures = super().get_failures(request, credentials)
        name = username(request, credentials)
        if name is None or failures >= get_failure_limit(request, credentials):
            return failures
        account_failures = (
            AccessAttempt.objects.filter(
                username=name, attempt_time__gt=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if account_failures < settings.AXES_ACCOUNT_FAILURE_LIMIT:
            return failures
        # The lockout page tells the owner that another address will not help.
        request.axes_account_locked = True
        return get_failure_limit(request, credentials)
