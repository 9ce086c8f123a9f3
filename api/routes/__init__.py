"""The /v1 routers, one module per area, each exporting `router`; `api.app` includes them."""
