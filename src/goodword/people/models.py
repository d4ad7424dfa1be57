"""Tables for people and what identifies and describes them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.clock import utcnow
from goodword.people.tier import Tier
from goodword.storage.base import Base, UTCDateTime, created_at, person_fk, workspace_fk
from goodword.storage.types import enum_column

NAME_KEY = 200  # characters of `PersonSearch.name_key`


class HandleKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    LINKEDIN = "linkedin"
    IM = "im"  # instant messaging: `service:handle`, e.g. `skype:ann.lee`


class ContactKind(StrEnum):
    """An address book holds organisations (a firm's switchboard, `info@`) beside people."""

    PERSON = "person"
    ORGANISATION = "organisation"


class Person(Base):
    __tablename__ = "person"
    # Listing and resolving by name must not sort a million rows; every command finds the
    # owner, which must not scan them either.
    __table_args__ = (
        Index("ix_person_workspace_name", "workspace_id", "name"),
        Index("ix_person_workspace_tier", "workspace_id", "tier"),
        Index(
            "ix_person_owner",
            "workspace_id",
            sqlite_where=text("is_me = 1"),  # as SQLAlchemy writes `Person.is_me`
            postgresql_where=text("is_me"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk(index=False)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ContactKind] = mapped_column(
        enum_column(ContactKind), default=ContactKind.PERSON, server_default=ContactKind.PERSON
    )
    nickname: Mapped[str | None] = mapped_column(String(100))
    is_me: Mapped[bool] = mapped_column(Boolean, default=False)
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100))
    industry: Mapped[str | None] = mapped_column(String(100))
    # A birthday often comes without a year (vCard --0621), so the parts are stored apart.
    birthday_month: Mapped[int | None] = mapped_column(SmallInteger)
    birthday_day: Mapped[int | None] = mapped_column(SmallInteger)
    birthday_year: Mapped[int | None] = mapped_column(SmallInteger)
    # Set with `goodword tier`; NULL follows the tier suggested from the advocate score.
    tier: Mapped[Tier | None] = mapped_column(enum_column(Tier))
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    handles: Mapped[list[Handle]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Handle.id"
    )
    employments: Mapped[list[Employment]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Employment.id"
    )
    addresses: Mapped[list[Address]] = relationship(
        cascade="all, delete-orphan", order_by="(Address.is_primary.desc(), Address.id)"
    )
    tags: Mapped[list[Tag]] = relationship(secondary="person_tag", order_by="Tag.name")


class Handle(Base):
    """An e-mail, phone, URL or LinkedIn profile; unique per workspace, so it identifies."""

    __tablename__ = "handle"
    __table_args__ = (UniqueConstraint("workspace_id", "kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk(index=False)
    person_id: Mapped[int] = person_fk()
    kind: Mapped[HandleKind] = mapped_column(enum_column(HandleKind))
    value: Mapped[str] = mapped_column(String(320))
    label: Mapped[str | None] = mapped_column(String(50))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    # False for a value kept exactly as typed because it did not parse (`pager 1234`, a short
    # internal extension): nothing the user typed is dropped, and it still matches itself.
    is_normalised: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    person: Mapped[Person] = relationship(back_populates="handles")


class Address(Base):
    """A postal address as the address book had it, kept whole so an export gives it back.

    The primary address's city and country are also the person's, which the ICP matches on.
    """

    __tablename__ = "address"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    person_id: Mapped[int] = person_fk()
    label: Mapped[str | None] = mapped_column(String(50))
    po_box: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(100))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)


class Organisation(Base):
    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk(index=False)
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = created_at()


class Employment(Base):
    """A person's role, at an organisation or at none (a freelancer's title); the current one
    has no end date."""

    __tablename__ = "employment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    person_id: Mapped[int] = person_fk()
    org_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="employments")
    org: Mapped[Organisation | None] = relationship(lazy="joined")


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk(index=False)
    name: Mapped[str] = mapped_column(String(100))


class PersonTag(Base):
    __tablename__ = "person_tag"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    workspace_id: Mapped[int] = workspace_fk()


class Note(Base):
    __tablename__ = "note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = workspace_fk()
    person_id: Mapped[int] = person_fk()
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at()


class PersonSearch(Base):
    """What a person is found by, folded (case and accents) into one text, and the folded name
    to sort by: derived from the tables above and rewritten whenever they change (see
    `people.search`), so a search reads one indexed row per person instead of folding every
    name, handle, job, tag and note on each request.
    """

    __tablename__ = "person_search"
    __table_args__ = (
        Index("ix_person_search_workspace_name", "workspace_id", "name_key", "person_id"),
    )

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    workspace_id: Mapped[int] = workspace_fk(index=False)
    # Folding can lengthen a name (ß → ss, a ligature → several letters): the key is cut to its
    # first NAME_KEY characters, which is all sorting needs.
    name_key: Mapped[str] = mapped_column(String(NAME_KEY))
    # The current organisations, one a line: the organisation filter reads only these.
    org_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    body: Mapped[str] = mapped_column(Text)
