"""GET /series and GET /series/{id}/changes: report series and the diff of two editions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from reportqa.errors import UnknownEditionError, UnknownSeriesError
from reportqa.facts.series import series_id
from reportqa.limits import SERIES_NAME_MAX_CHARS
from reportqa.serve.http.deps import EngineDep
from reportqa.serve.http.errors import APIError, responses
from reportqa.serve.http.models import (
    ChangesResponse,
    EditionOut,
    SeriesListResponse,
    SeriesOut,
)

router = APIRouter(tags=["series"])

EDITION_MAX_CHARS = 32

SeriesId = Annotated[str, Path(max_length=SERIES_NAME_MAX_CHARS,
                               description="A series id from /series (or a part of it only "
                                           "one series has, e.g. `mal-5`).",
                               examples=["laget-i-lanet-mal-5-fler-kluster"])]
EditionQ = Annotated[str | None, Query(max_length=EDITION_MAX_CHARS)]


@router.get("/series", summary="The report series and their editions",
            responses=responses(503))
def series_list(eng: EngineDep) -> SeriesListResponse:
    """Every report series of the live index version with its editions, oldest first."""
    version = eng.version
    return SeriesListResponse(index_version=version, series=[
        SeriesOut(id=s.id, name=s.name,
                  editions=[EditionOut(edition=e, document=d) for e, d in s.editions])
        for s in eng.series()])


@router.get("/series/{id}/changes", summary="What changed between two editions",
            responses=responses(404, 422, 503))
def series_changes(
    id: SeriesId, eng: EngineDep,  # noqa: A002 - the path names it `id`
    from_: Annotated[str | None, Query(alias="from", max_length=EDITION_MAX_CHARS,
                                       description="The older edition (a year, or "
                                                   "`undated`); default: the one before "
                                                   "`to`.")] = None,
    to: Annotated[str | None, Query(max_length=EDITION_MAX_CHARS,
                                    description="The newer edition; default: the "
                                                "newest.")] = None,
) -> ChangesResponse:
    """Changed, new and removed figures between two editions of a series, each with the
    sentence it stands in in each edition; figures are paired by what they measure."""
    version = eng.version
    try:
        d = eng.changes(id, from_, to)
    except UnknownSeriesError as exc:
        raise APIError(404, str(exc)) from exc
    except UnknownEditionError as exc:
        raise APIError(422, str(exc)) from exc
    body = d.to_dict()
    return ChangesResponse(series_id=series_id(d.series), index_version=version, **body)
