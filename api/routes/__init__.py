"""The API's router modules under /v1, one per area; `api.app` includes each with one line."""
