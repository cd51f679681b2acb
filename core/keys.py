"""Key rotation for encrypted personal data (`core.fields.EncryptedTextField`).

To rotate: put a new key first in FIELD_ENCRYPTION_KEYS and keep the old ones after it, restart, run
`sinetra rotate-encryption-keys` (rewrites every encrypted value with the first key), then remove the old
keys. Until the command has run, values written with an old key stay readable as long as it is listed.
"""

from collections.abc import Callable

from django.apps import apps
from django.db import transaction

from core import audit
from core.fields import EncryptedTextField, field_cipher

BATCH = 500


def encrypted_fields() -> list[tuple[type, list[str]]]:
    """Every model with encrypted fields, and the names of those fields."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def reencrypt_all(*, actor=None, progress: Callable[[int], None] | None = None) -> int:
    """Rewrite every encrypted value with the current (first) key; returns the number of rows rewritten.

    Rows are read and written in batches, each batch in its own transaction, so the command can be stopped
    and run again: a value already under the new key is simply rewritten once more.
    """
    cipher = field_cipher()
    rewritten = 0
    for model, names in encrypted_fields():
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                rows = list(model._base_manager.filter(pk__in=pks[start : start + BATCH]).only("pk", *names))
                model._base_manager.bulk_update(rows, names)  # from_db_value decrypted; get_prep_value re-encrypts
            rewritten += len(rows)
            if progress:
                progress(rewritten)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="core.rotate_keys",
            summary=f"{rewritten} baris dienkripsi ulang dengan kunci {cipher.key_id}",
        )
    return rewritten
