"""The health check: fast whatever the store does, so monitoring can tell a slow or dead store."""

from __future__ import annotations

from fastapi import APIRouter

from api import service
from api.problems import RESPONSES
from api.routes.common import SettingsDep, StoreDep, within

router = APIRouter(tags=["health"], responses=RESPONSES)


@router.get("/health", summary="Whether the store answers, which backend it is, and the graph's size")
async def health(store: StoreDep, settings: SettingsDep) -> service.Health:
    hint = " (POLICYGRAPH_HEALTH_TIMEOUT): the store is slow or unreachable"
    return await within(settings.health_timeout, lambda: service.health(store, settings), "the health check", hint)
