"""FastAPI service (minimal for now: POST /ask, /healthz, /readyz)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import asdict

from fastapi import FastAPI, HTTPException
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from .config import Settings
from .engine import Engine


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=1000)
    top_k: int = Field(3, ge=1, le=20)
    document: str | None = None


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.engine = engine or await run_in_threadpool(Engine.load, settings)
        yield

    app = FastAPI(title="reportqa", lifespan=lifespan)

    @app.get("/healthz")
    async def healthz():
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz():
        eng = getattr(app.state, "engine", None)
        if eng is None:
            raise HTTPException(503, "loading")
        return {"status": "ready", "index_version": eng.version}

    @app.post("/ask")
    async def ask(req: AskRequest):
        eng: Engine = app.state.engine
        ans = await run_in_threadpool(eng.ask, req.question, req.top_k, req.document)
        return {"answer": ans.text, "found": ans.found, "confidence": ans.confidence,
                "sources": [asdict(s) for s in ans.sources], "index_version": eng.version,
                "model": eng.model_name}

    return app
