"""Public API of the catalogue of prohibited acts."""

from ninja import Router

router = Router(tags=["acts"])
