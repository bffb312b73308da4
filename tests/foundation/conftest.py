"""Fixtures for the foundation tests: the world of foundation_world.py and a client per persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from foundation_world import World, build_world
from rest_framework.test import APIClient


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Any:
    """A browser-like client signed in as the persona (anonymous: not signed in)."""

    def make(persona: str, *, language: str = "en") -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for(world: World) -> Any:
    """An API client authenticated as the persona through the session (anonymous: not authenticated)."""

    def make(persona: str) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make
