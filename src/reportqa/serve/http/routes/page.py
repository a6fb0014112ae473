"""GET /: the chat page."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["page"])

#: The page is one static file, read once.
PAGE = resources.files("reportqa.serve.http").joinpath("static/index.html").read_bytes()


@router.get("/", response_class=HTMLResponse, summary="The chat page",
            responses={200: {"description": "One HTML page (Swedish, with an English toggle) "
                             "that asks POST /ask.", "content": {"text/html": {
                                 "example": "<!doctype html>…"}}}})
async def chat_page() -> HTMLResponse:
    return HTMLResponse(PAGE, headers={"Cache-Control": "no-cache"})
