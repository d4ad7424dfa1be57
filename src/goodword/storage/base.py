"""The declarative base every table shares, and column types that behave alike on each dialect."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from goodword.clock import utcnow

# Explicit names so SQLite and PostgreSQL migrations name (and can drop) the same constraints.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC and returns aware UTC, because SQLite drops the offset."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def workspace_fk(*, index: bool = True) -> Mapped[int]:
    """Every table carries its workspace, so team mode can share one database safely.

    `index=False` where a unique constraint or index already starts with `workspace_id`:
    a second index would only slow every insert.
    """
    return mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), index=index)


def person_fk(*, nullable: bool = False, index: bool = True) -> Any:
    return mapped_column(
        ForeignKey("person.id", ondelete="SET NULL" if nullable else "CASCADE"),
        nullable=nullable,
        index=index,
    )


def created_at() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow)


def column_length(model: type[Any], column: str) -> int:
    """The size of a text column, so checks on input follow the schema, not a copy of it."""
    type_ = model.__table__.c[column].type
    assert isinstance(type_, String)
    assert type_.length is not None
    return type_.length


class WorkspaceRow(Base):
    __tablename__ = "workspace"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    phone_region: Mapped[str] = mapped_column(String(2), default="US")
    # Renewed (at random, so a restored older copy never passes for newer data) by every
    # write transaction; what is derived from the data (the graph snapshot) is keyed by it.
    data_version: Mapped[int] = mapped_column(BigInteger, server_default="0")
    created_at: Mapped[datetime] = created_at()
