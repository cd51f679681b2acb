"""Settings for the test suite: the real settings plus test-only speed-ups."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWZpZWxkLWtleS1mb3Itc3VpdGUhISE=")

from sinetra.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # hashing speed only matters in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REQUIRE_TWO_FACTOR = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns about a missing static root)
