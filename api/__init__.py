"""The edges of the project: the FastAPI app and the CLI, both thin over `api.service`."""
