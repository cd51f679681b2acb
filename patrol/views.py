"""Pages of the patrol review: the queue of findings, one finding with its archived posts, and the decisions."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from core.pagination import page_of
from patrol import rules, selectors, services
from patrol.forms import ConfirmForm, FindingFilterForm, RejectForm
from patrol.models import FindingStatus

# The pipeline's words (patrol.assessment), as a supervisor reads them.
STANCES = {
    "support": gettext_lazy("mendukung"),
    "attack": gettext_lazy("menyerang"),
    "neutral": gettext_lazy("netral"),
    "none": gettext_lazy("tidak jelas"),
}
LINK_METHODS = {
    "account": gettext_lazy("lewat akun media sosial yang terdaftar di registri"),
    "bio": gettext_lazy("lewat keterangan profil (status/jabatan ASN)"),
    "name": gettext_lazy("lewat kemiripan nama di wilayah yang sama"),
}


def _reviewers(view):
    """Staff login plus the Bawaslu role that reviews findings."""

    @staff_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not rules.reviews_findings(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@_reviewers
def review_list(request):
    """Findings of the supervisor's area, strongest first; new ones unless another status is chosen."""
    form = FindingFilterForm(request.GET or None)
    page = page_of(selectors.review_queue(request.user, form.filters()), request.GET.get("page"))
    counts = selectors.status_counts(request.user)
    context = {"form": form, "page": page, "counts": [(s, counts[s.value]) for s in FindingStatus]}
    return render(request, "patrol/list.html", context)


@_reviewers
def detail(request, finding_id: int):
    finding = selectors.finding_for_user(request.user, finding_id)
    return _render_detail(request, finding)


def _render_detail(request, finding, *, confirm_form=None, reject_form=None, status=200):
    can_decide = finding.status == FindingStatus.NEW and rules.can_decide_finding(request.user, finding)
    link = finding.explanation.get("link") or {}
    context = {
        "finding": finding,
        "stance_label": STANCES.get(finding.explanation.get("stance", ""), finding.explanation.get("stance", "—")),
        "link_label": LINK_METHODS.get(link.get("method", ""), link.get("method", "")),
        "link_percent": round(100 * float(link.get("confidence") or 0)),
        "posts": list(finding.posts.all()),
        "can_decide": can_decide,
        "confirm_form": confirm_form or ConfirmForm(user=request.user, finding=finding),
        "reject_form": reject_form or RejectForm(),
    }
    return render(request, "patrol/detail.html", context, status=status)


@_reviewers
@require_POST
def confirm(request, finding_id: int):
    finding = selectors.finding_for_user(request.user, finding_id)
    form = ConfirmForm(request.POST, user=request.user, finding=finding)
    if not form.is_valid():
        return _render_detail(request, finding, confirm_form=form, status=400)
    try:
        case = services.confirm_finding(finding, actor=request.user, region=form.cleaned_data.get("region"),
                                        note=form.cleaned_data["note"])  # fmt: skip
    except (PermissionDenied, ValidationError) as error:
        _report(request, error)
        return redirect("patrol:detail", finding_id=finding.pk)
    messages.success(request, _("Temuan dikonfirmasi; kasus %(number)s dibuka.") % {"number": case.number})
    return redirect("cases:detail", case_id=case.pk)


@_reviewers
@require_POST
def reject(request, finding_id: int):
    finding = selectors.finding_for_user(request.user, finding_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, finding, reject_form=form, status=400)
    try:
        services.reject_finding(finding, actor=request.user, reason=form.cleaned_data["reason"],
                                note=form.cleaned_data["note"])  # fmt: skip
    except (PermissionDenied, ValidationError) as error:
        _report(request, error)
    else:
        messages.success(request, _("Temuan ditolak."))
    return redirect("patrol:detail", finding_id=finding.pk)


def _report(request, error: Exception) -> None:
    if isinstance(error, PermissionDenied):
        messages.error(request, _("Anda tidak berhak memutuskan temuan ini."))
        return
    for message in error.messages:
        messages.error(request, message)
