"""Fixtures shared by the events tests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


@pytest.fixture
def organizer(client):
    """A staff member in the Organizers group, logged in; not a superuser."""
    user = get_user_model().objects.create_user("olga", password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Organizers"))
    client.force_login(user)
    return user
