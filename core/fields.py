"""Model fields for personal data that must be encrypted at rest.

A stored value is `g1:<key id>:<base64 of nonce + ciphertext>`: AES-256-GCM with a random 96-bit nonce, the
key being one of FIELD_ENCRYPTION_KEYS (32 url-safe base64 bytes, the same form Fernet keys had). The first
key encrypts, every listed key decrypts, so a key is rotated by putting a new one first and keeping the old
one listed until every value has been rewritten. The key id (a hash of the key, never the key) names the
key that encrypted a value and, with the format prefix, is authenticated as associated data.
"""

import base64
import binascii
import hashlib
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models

FORMAT = "g1"
NONCE_BYTES = 12


class FieldDecryptionError(ValueError):
    """A stored value is not in our format, names a key no longer listed, or was altered."""


class FieldCipher:
    """AES-256-GCM over text with key rotation; one AESGCM object per key, built once."""

    def __init__(self, keys: tuple[str, ...]):
        if not keys:
            raise ValueError("FIELD_ENCRYPTION_KEYS is empty")
        self._by_id: dict[str, AESGCM] = {}
        for key in keys:
            raw = base64.urlsafe_b64decode(key)
            if len(raw) != 32:
                raise ValueError("each FIELD_ENCRYPTION_KEYS entry must be 32 bytes, url-safe base64")
            self._by_id.setdefault(_key_id(raw), AESGCM(raw))
        self._key_id = _key_id(base64.urlsafe_b64decode(keys[0]))
        self._aead = self._by_id[self._key_id]
        self._prefix = f"{FORMAT}:{self._key_id}:"
        self._associated = self._prefix.encode()

    @property
    def key_id(self) -> str:
        """The id of the key that encrypts (the first listed)."""
        return self._key_id

    def encrypt(self, text: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, text.encode(), self._associated)
        return self._prefix + binascii.b2a_base64(nonce + sealed, newline=False).decode()

    def decrypt(self, token: str) -> str:
        version, _, rest = token.partition(":")
        key_id, _, payload = rest.partition(":")
        if version != FORMAT or not payload:
            raise FieldDecryptionError(f"not an encrypted field value in format {FORMAT} (starts {token[:6]!r})")
        aead = self._by_id.get(key_id)
        if aead is None:
            raise FieldDecryptionError(f"value encrypted with key {key_id}, which is not in FIELD_ENCRYPTION_KEYS")
        try:
            data = binascii.a2b_base64(payload)
            plain = aead.decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], f"{FORMAT}:{key_id}:".encode())
        except (InvalidTag, binascii.Error, ValueError) as error:
            raise FieldDecryptionError("encrypted field value was altered or is damaged") from error
        return plain.decode()


def _key_id(raw: bytes) -> str:
    # 48 bits of a hash: enough to tell a handful of listed keys apart, says nothing useful about the key.
    return hashlib.sha256(b"sinetra-field-key:" + raw).hexdigest()[:12]


@cache
def _cipher(keys: tuple[str, ...]) -> FieldCipher:
    return FieldCipher(keys)


def field_cipher() -> FieldCipher:
    """The cipher for FIELD_ENCRYPTION_KEYS: the first key encrypts, every listed key decrypts (rotation)."""
    return _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS))


class EncryptedTextField(models.TextField):
    """Text stored AES-256-GCM encrypted (see the module docstring). Cannot be filtered or indexed by content."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return field_cipher().encrypt(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return field_cipher().decrypt(value)
