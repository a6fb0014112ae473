"""The routes of the HTTP API, one module per resource; `ROUTERS` in the order they are served."""

from __future__ import annotations

from reportqa.serve.http.routes import (
    admin,
    ask,
    documents,
    feedback,
    health,
    openai_chat,
    page,
    search,
    series,
)

ROUTERS = (page.router, ask.router, feedback.router, search.router, documents.router,
           series.router, health.router, admin.router, openai_chat.router)
