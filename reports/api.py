"""API of public reports: submission and status for everyone, the inbox for staff."""

from ninja import Router

router = Router(tags=["reports"])
