"""Writing the audit log. Services call `record()` inside their own transaction."""

from typing import Any

from django.db import models

from core.models import AuditEntry

SYSTEM_LABEL = "sistem"


def record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit row. `actor` may be None for system work (imports from the CLI, tasks)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else SYSTEM_LABEL,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary,
        changes=changes or {},
    )
