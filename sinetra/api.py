"""The JSON API at /api/v1/ (django-ninja; OpenAPI schema at /api/v1/openapi.json)."""

from ninja import NinjaAPI

from acts.api import router as acts_router
from cases.api import router as cases_router
from core.api import install_error_handlers
from elections.api import router as elections_router
from patrol.api import install_error_handlers as install_patrol_error_handlers
from patrol.api import router as patrol_router
from regions.api import router as regions_router
from registry.api import router as registry_router
from reports.api import router as reports_router

api = NinjaAPI(
    title="Sinetra API",
    version="1",
    description="Sistem Informasi Netralitas ASN. Errors: {error: {code, message, messages: {id, en}, fields}}.",
    urls_namespace="api",
)
install_error_handlers(api)
install_patrol_error_handlers(api)
api.add_router("/regions", regions_router)
api.add_router("/registry", registry_router)
api.add_router("/elections", elections_router)
api.add_router("/acts", acts_router)
api.add_router("/reports", reports_router)
api.add_router("/cases", cases_router)
api.add_router("/patrol", patrol_router)
