import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _forget_scan_context(**kwargs) -> None:
    """The registry or elections changed: the next API batch rebuilds the scan context (automata, accounts)."""
    scan = sys.modules.get("patrol.scan")  # never import the pipeline (scikit-learn) just to empty its cache
    if scan is not None:
        scan.forget_context()


class PatrolConfig(AppConfig):
    name = "patrol"
    verbose_name = _("Patroli siber")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from elections.models import CampaignAccount, Candidate, Contest, Election, Party
        from patrol.models import StanceModelVersion
        from registry.models import ASN, SocialAccount

        for model in (Election, Contest, Candidate, CampaignAccount, Party, ASN, SocialAccount, StanceModelVersion):
            name = model.__name__
            post_save.connect(_forget_scan_context, sender=model, dispatch_uid=f"patrol.forget.{name}.save")
            post_delete.connect(_forget_scan_context, sender=model, dispatch_uid=f"patrol.forget.{name}.delete")
