"""The API baseline: a bare FastAPI app with one hello-world route, served by uvicorn exactly as the real app is."""

from __future__ import annotations

from fastapi import FastAPI


def create_app() -> FastAPI:
    """An app whose one route does no work, so its req/s is what uvicorn and FastAPI cost alone."""
    app = FastAPI()

    @app.get("/hello")
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    return app
