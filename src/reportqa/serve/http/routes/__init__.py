"""The routes of the HTTP API, one module per resource; `ROUTERS` in the order they are served."""

from __future__ import annotations

from reportqa.serve.http.routes import admin, ask, documents, health, page, search

ROUTERS = (page.router, ask.router, search.router, documents.router, health.router,
           admin.router)
