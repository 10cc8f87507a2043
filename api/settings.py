"""Service settings: one validated place, read from ``JANJICHECK_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.rules.messages import RulesError
from api.rules.ruleset import load_ruleset

Role = Literal["admin", "auditor", "facility", "ml_engineer"]
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class SettingsError(Exception):
    """Settings that are valid on their own but cannot be used on this machine.

    E.g. a data folder that is a file or cannot be created, or a database URL naming a
    database or driver that is not installed. ``janjicheck serve`` prints the message.
    """


class Settings(BaseSettings):
    """Everything the audit service can be configured with.

    Attributes:
        host: Address ``janjicheck serve`` listens on.
        port: TCP port ``janjicheck serve`` listens on (1 to 65535).
        data_dir: Folder for the database (SQLite), photos and evidence images.
        database_url: SQLAlchemy URL; default ``sqlite:///<data_dir>/janjicheck.db``.
        model_path: Model package folder; ``None`` lets the vision package pick its default.
        max_upload_bytes: Largest accepted photo, in bytes.
        max_request_bytes: Largest accepted request body, in bytes (all photos together).
        max_files_per_request: Most photos in one upload request.
        max_pixels: Largest accepted photo in pixels (width x height); bigger is refused.
        workers: Inference threads (each runs one photo at a time).
        queue_size: Photos that may wait for a worker; beyond that uploads get 503.
        retry_after_seconds: ``Retry-After`` sent with a 503 when the queue is full, in seconds.
        retention_days: Days an original photo is kept; evidence images (faces blurred) stay.
        evidence_idle_seconds: Evidence images nobody asked for yet are drawn once no upload
            has been checked for this many seconds (``api.services.evidence``).
        original_roles: Roles allowed to read original (unblurred) photos.
        rule_set: Id of the compliance rule set new audits use; it must load (checked here,
            so that a wrong id stops the start instead of failing requests later).
        demo: Seed a demo facility and tokens on first start and log the tokens once.
        log_level: Logging level name (``LOG_LEVELS``, any case; kept in upper case).
        log_json: Write logs as one JSON object per line.

    """

    model_config = SettingsConfigDict(env_prefix="JANJICHECK_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    data_dir: Path = Path("./data")
    database_url: str | None = None
    model_path: Path | None = None
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    max_request_bytes: int = Field(default=80 * 1024 * 1024, gt=0)
    max_files_per_request: int = Field(default=10, gt=0, le=100)
    max_pixels: int = Field(default=50_000_000, gt=0)
    workers: int = Field(default=1, gt=0, le=16)
    queue_size: int = Field(default=16, ge=0, le=1000)
    retry_after_seconds: int = Field(default=5, gt=0)
    retention_days: int = Field(default=365, gt=0)
    evidence_idle_seconds: float = Field(default=1.0, ge=0, le=3600)
    original_roles: tuple[Role, ...] = ("admin", "auditor")
    rule_set: str = Field(default="SE-2024", max_length=32)  # the audits.rule_set column
    demo: bool = False
    log_level: str = "INFO"
    log_json: bool = True

    @field_validator("rule_set")
    @classmethod
    def _known_rule_set(cls, rule_set: str) -> str:
        try:
            load_ruleset(rule_set)
        except RulesError as exc:
            raise ValueError(str(exc)) from None
        return rule_set

    @field_validator("log_level")
    @classmethod
    def _logging_level(cls, level: str) -> str:
        if level.upper() not in LOG_LEVELS:
            raise ValueError(f"unknown logging level {level!r}; use one of {', '.join(LOG_LEVELS)}")
        return level.upper()

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.max_upload_bytes > self.max_request_bytes:
            raise ValueError("max_upload_bytes must not exceed max_request_bytes")
        return self

    @property
    def db_url(self) -> str:
        """The database URL in use (the SQLite default under ``data_dir`` when none is set)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'janjicheck.db').resolve()}"
