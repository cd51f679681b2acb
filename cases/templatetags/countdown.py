from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def countdown(due_on, today) -> str:
    """'3 hari lagi', 'hari ini', 'terlambat 2 hari' (calendar days to the due date)."""
    if due_on is None:
        return ""
    days = (due_on - today).days
    if days == 0:
        return _("hari ini")
    if days > 0:
        return ngettext("%(days)d hari lagi", "%(days)d hari lagi", days) % {"days": days}
    return ngettext("terlambat %(days)d hari", "terlambat %(days)d hari", -days) % {"days": -days}
