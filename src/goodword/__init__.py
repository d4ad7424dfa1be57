"""goodword: find and nurture the advocates who refer you.

The public library API: open a workspace, then call the service functions of each domain
inside `workspace.transaction()`.
"""

from goodword.errors import (
    Ambiguous,
    Conflict,
    GoodwordError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    SchemaOutOfDate,
)
from goodword.workspace import Workspace, open_workspace

__version__ = "0.1.0"

__all__ = [
    "Ambiguous",
    "Conflict",
    "GoodwordError",
    "InvalidInput",
    "NotFound",
    "PermissionDenied",
    "SchemaOutOfDate",
    "Workspace",
    "__version__",
    "open_workspace",
]
