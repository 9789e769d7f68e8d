"""Admin actions that apply a service to each selected row, one transaction a row."""

from collections.abc import Callable, Iterable

from django.contrib import messages


def apply_to_each(
    model_admin,
    request,
    rows: Iterable,
    change: Callable,
    done_message: Callable[[int], str],
    *,
    refusal: type[Exception],
    label: Callable = str,
) -> None:
    """Call ``change`` on each row; one success message counting those done (``done_message``)
    and one warning per row a service refused (``refusal``, whose ``message`` says why), named
    by ``label``. A refused row leaves the others done."""
    done, refused = 0, []
    for row in rows:
        try:
            change(row)
        except refusal as error:
            refused.append(f"{label(row)}: {error.message}")
        else:
            done += 1
    if done:
        model_admin.message_user(request, done_message(done), messages.SUCCESS)
    for message in refused:
        model_admin.message_user(request, message, messages.WARNING)
