"""The version of everything public pages show, which the page cache files its copies under."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_hex(8)


class ContentVersion(models.Model):
    """One row whose token changes after every change to public content (events/page_cache.py).

    A random token rather than a counter: a restored backup or a flushed test database can never
    bring back a number that cached copies of other content were filed under.
    """

    token = models.CharField(_("token"), max_length=32, default=new_token)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return self.token
