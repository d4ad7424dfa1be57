"""A workspace's settings: one row per key the user changed; a missing key has its default."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from goodword.storage.base import Base


class Setting(Base):
    __tablename__ = "setting"

    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    # Kept as text, parsed by the key's own rule when read (see settings.keys).
    value: Mapped[str] = mapped_column(String(200))
