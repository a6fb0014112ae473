"""GET /: the chat page, and its script and style sheet under /static/."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter(tags=["page"])

_STATIC = resources.files("reportqa.serve.http").joinpath("static")
#: The page is three static files, read once. Script and styles are files of their own, so
#: the Content-Security-Policy forbids every inline script and style (middleware.py).
PAGE = _STATIC.joinpath("index.html").read_bytes()
ASSETS = {
    "app.js": (_STATIC.joinpath("app.js").read_bytes(), "text/javascript; charset=utf-8"),
    "app.css": (_STATIC.joinpath("app.css").read_bytes(), "text/css; charset=utf-8"),
}
NO_CACHE = {"Cache-Control": "no-cache"}


@router.get("/", response_class=HTMLResponse, summary="The chat page",
            responses={200: {"description": "One HTML page (Swedish, with an English toggle) "
                             "that asks POST /ask.", "content": {"text/html": {
                                 "example": "<!doctype html>…"}}}})
async def chat_page() -> HTMLResponse:
    return HTMLResponse(PAGE, headers=NO_CACHE)


@router.get("/static/app.js", include_in_schema=False)
async def page_script() -> Response:
    body, media_type = ASSETS["app.js"]
    return Response(body, media_type=media_type, headers=NO_CACHE)


@router.get("/static/app.css", include_in_schema=False)
async def page_styles() -> Response:
    body, media_type = ASSETS["app.css"]
    return Response(body, media_type=media_type, headers=NO_CACHE)
