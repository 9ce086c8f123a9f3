"""What routes receive through FastAPI's dependency injection: the app's store and settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph import Settings, Store


def get_store(request: Request) -> Store:
    """The store the app opened at start-up."""
    return request.app.state.store


def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
