"""The one error shape of the JSON API, shared by every router.

    {"error": {"code": "not_found", "message": "...", "messages": {"id": "...", "en": "..."}, "fields": {...}}}

`message` is in the request's language (Accept-Language; Indonesian by default); `messages` carries
both, so an integrator never has to guess.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaValidationError


def error_body(code: str, message, fields: dict | None = None) -> dict:
    messages = {}
    for language in ("id", "en"):
        with translation.override(language):
            messages[language] = str(message)
    body = {"code": code, "message": str(message), "messages": messages}
    if fields:
        body["fields"] = fields
    return {"error": body}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body("not_found", _("Data tidak ditemukan.")), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, error_body("forbidden", _("Anda tidak berhak mengakses data ini.")), status=403
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        message = _("Masuk terlebih dahulu (dengan kode dua langkah).")
        return api.create_response(request, error_body("unauthenticated", message), status=401)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        fields = exc.message_dict if hasattr(exc, "error_dict") else None
        message = _("Data tidak valid.") if fields else " ".join(exc.messages)
        return api.create_response(request, error_body("invalid", message, fields), status=400)

    @api.exception_handler(SchemaValidationError)
    def schema_invalid(request, exc):
        fields = {
            ".".join(str(p) for p in err.get("loc", [])[1:]) or "body": [err.get("msg", "")] for err in exc.errors
        }
        return api.create_response(request, error_body("invalid", _("Data tidak valid."), fields), status=422)


def inline_schema(model) -> dict:
    """The JSON schema of a pydantic model with its `$defs` inlined, for an operation's `openapi_extra`
    (where `#/$defs/...` references would not resolve)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)
