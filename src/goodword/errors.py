"""Typed errors: the core raises them, each adapter translates them once."""

from __future__ import annotations


class GoodwordError(Exception):
    """A problem the user can fix; adapters show `message` and `hint`, never a traceback."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class NotFound(GoodwordError):
    """The thing named does not exist in this workspace."""

    http_status = 404


class Ambiguous(GoodwordError):
    """A reference matches several things; the message lists them."""

    http_status = 409


class Conflict(GoodwordError):
    """The change would clash with what is stored (a duplicate e-mail, say)."""

    http_status = 409


class InvalidInput(GoodwordError):
    """A value is malformed or out of range."""

    http_status = 422


class PermissionDenied(GoodwordError):
    """The caller may not do this."""

    http_status = 403


class SchemaOutOfDate(GoodwordError):
    """The database schema is older than this version of goodword."""

    http_status = 503


ERROR_CLASSES: tuple[type[GoodwordError], ...] = (
    GoodwordError,
    NotFound,
    Ambiguous,
    Conflict,
    InvalidInput,
    PermissionDenied,
    SchemaOutOfDate,
)
