"""Migrations on a real SQLite file: upgrading keeps every stored row."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from api.db import alembic_config, upgrade

PHOTO_0001 = {
    "id": 7,
    "audit_id": 1,
    "area": "registration",
    "filename": "old.jpg",
    "original_sha256": "a" * 64,
    "original_bytes": 1234,
    "evidence_sha256": "b" * 64,
    "phash": "0123456789abcdef",
    "width": 1600,
    "height": 1200,
    "faces_blurred": 2,
    "quality_ok": 1,
    "janji_present": 1,
    "result": '{"detections": []}',
    "model_version": "1.0.0",
    "created_at": "2025-03-10 09:00:00",
}


def test_upgrade_from_0001_keeps_photos_and_allows_pending_evidence(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(alembic_config(url), "0001")
    engine = create_engine(url)
    with engine.begin() as db:
        db.execute(
            text(
                "INSERT INTO facilities (id, code, name, level, kind, region, address, "
                "contract_status, area_sizes, created_at) VALUES (1, 'PKM-1', 'P', 'FKTP', "
                "'puskesmas', 'R', '', 'active', '{}', '2025-01-01 00:00:00')"
            )
        )
        db.execute(
            text(
                "INSERT INTO audits (id, facility_id, kind, auditor, visit_date, status, "
                "rule_set, checklist, created_at) VALUES (1, 1, 'sibling', 'A', '2025-03-10', "
                "'draft', 'SE-2024', '{}', '2025-03-10 08:00:00')"
            )
        )
        columns = ", ".join(PHOTO_0001)
        values = ", ".join(f":{k}" for k in PHOTO_0001)
        db.execute(text(f"INSERT INTO photos ({columns}) VALUES ({values})"), PHOTO_0001)
    upgrade(engine)
    with engine.begin() as db:
        row = db.execute(text("SELECT * FROM photos WHERE id = 7")).mappings().one()
        assert {k: row[k] for k in PHOTO_0001} == PHOTO_0001
        db.execute(
            text(
                f"INSERT INTO photos ({columns}) VALUES ({values})".replace(
                    ":evidence_sha256", "NULL"
                ).replace(":faces_blurred", "NULL")
            ),
            {**PHOTO_0001, "id": 8},
        )
        version = db.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == "0002"
    engine.dispose()
