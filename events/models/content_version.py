"""The versions of what public pages show, one row per scope (events/versions.py)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_hex(8)


class ContentVersion(models.Model):
    """The token of one scope of public content, replaced whenever that content changes.

    A random token rather than a counter: a restored backup or a flushed test database can never
    bring back a number that cached copies of other content were filed under.
    """

    scope = models.CharField(_("scope"), max_length=100, unique=True)
    token = models.CharField(_("token"), max_length=32, default=new_token)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.scope}: {self.token}"
