"""Pages of public reports: the public form, receipt and status (no login), and the supervisors' inbox."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import rules
from accounts.decorators import staff_required
from core import ratelimit
from core.pagination import page_of
from reports import selectors, services
from reports.choices import Channel, ReportStatus
from reports.evidence import EvidenceError, EvidenceIntegrityError, request_too_large
from reports.forms import InboxFilterForm, ReceiptCodeForm, ReportForm, StatusChangeForm, region_choices
from reports.receipt import render_receipt_pdf
from reports.states import allowed_next

logger = logging.getLogger(__name__)
RECEIPT_SESSION_KEY = "reports.receipt"


def _limited(request, action: str, rate: str):
    """A 429 page when the client is over its limit, else None."""
    decision = ratelimit.hit(action, request, rate)
    if decision.allowed:
        return None
    minutes = max(1, round(decision.retry_after / 60))
    response = render(request, "reports/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


@never_cache
def submit(request):
    """The public report form. A valid submission stores the report and shows the receipt code once."""
    if request.method == "POST" and request_too_large(request):
        return render(request, "reports/too_large.html", status=413)
    form = ReportForm(request.POST or None, request.FILES or None, initial={"act": request.GET.get("act", "")})
    status = 200
    if request.method == "POST":
        if refused := _limited(request, "reports.submit", settings.REPORT_SUBMIT_RATE):
            return refused
        if form.is_valid():
            try:
                files = services.inspect_files(form.cleaned_data["evidence"])
                receipt = services.submit_report(submission=form.submission(), files=files, channel=Channel.WEB)
            except EvidenceError as error:
                form.add_error("evidence", error.message)
                form.describe_fields()
            except ValidationError as error:
                form.add_submission_errors(error)
            else:
                request.session[RECEIPT_SESSION_KEY] = {"code": receipt.code, "report": receipt.report.pk}
                return redirect("report_public:submitted")
        status = 400
    context = {"form": form, "regions": region_choices()}
    return render(request, "reports/submit.html", context, status=status)


@never_cache
def submitted(request):
    """Shows the receipt code exactly once (it is taken out of the session), with the PDF receipt button."""
    stored = request.session.pop(RECEIPT_SESSION_KEY, None)
    if stored is None:
        return render(request, "reports/submitted.html", {"already_shown": True})
    report = selectors.report_by_receipt_code(stored["code"])
    context = {"code": stored["code"], "report": report, "office": selectors.office_of(report)}
    return render(request, "reports/submitted.html", context)


@never_cache
def status(request):
    """The public status page: a receipt code in (by POST, so it stays out of URLs and logs), history out."""
    form = ReceiptCodeForm(request.POST or None)
    report = None
    if request.method == "POST":
        if refused := _limited(request, "reports.status", settings.REPORT_STATUS_RATE):
            return refused
        if form.is_valid():
            report = selectors.report_by_receipt_code(form.cleaned_data["code"])
            if report is None:
                form.add_error("code", _("Kode tidak ditemukan. Periksa kembali penulisannya."))
                form.describe_fields()
    context = {"form": form, "report": report}
    if report is not None:
        context |= {"history": selectors.public_history(report), "office": selectors.office_of(report)}
    return render(request, "reports/status.html", context, status=400 if form.errors else 200)


@require_POST
def receipt_pdf(request):
    """The printable receipt (tanda bukti penyampaian laporan) for whoever holds the code."""
    if refused := _limited(request, "reports.status", settings.REPORT_STATUS_RATE):
        return refused
    form = ReceiptCodeForm(request.POST)
    report = selectors.report_by_receipt_code(form.data.get("code", "")) if form.is_valid() else None
    if report is None:
        form.add_error("code", _("Kode tidak ditemukan. Periksa kembali penulisannya."))
        return render(request, "reports/status.html", {"form": form}, status=400)
    data = selectors.receipt_data(report, code=form.cleaned_data["code"], status_url=_status_url(request))
    response = HttpResponse(render_receipt_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-bukti-{report.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _status_url(request) -> str:
    return request.build_absolute_uri(reverse("report_public:status"))


# --- Staff


def _reports_staff(view):
    """Staff login plus the Bawaslu role that receives public reports."""

    @staff_required
    def wrapped(request, *args, **kwargs):
        if not rules.receives_public_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_reports_staff
def inbox(request):
    """Incoming reports of the supervisor's area, filtered and sorted."""
    form = InboxFilterForm(request.GET or None)
    page = page_of(selectors.inbox(request.user, form.filters()), request.GET.get("page"))
    return render(request, "reports/inbox.html", {"form": form, "page": page})


@_reports_staff
def detail(request, report_id: int):
    report = selectors.report_for_user(request.user, report_id)
    context = {
        "report": report,
        "office": selectors.office_of(report),
        "evidence": list(report.evidence.all()),
        "links": list(report.links.all()),
        "duplicates": selectors.duplicates_of(request.user, report),
        "history": selectors.public_history(report),
        "form": StatusChangeForm(),
        "next_statuses": [ReportStatus(s) for s in sorted(allowed_next(report.status))],
    }
    return render(request, "reports/detail.html", context)


@_reports_staff
@require_POST
def reporter_identity(request, report_id: int):
    """The reporter's identity, on purpose (a POST) and audited."""
    report = selectors.report_for_user(request.user, report_id)
    identity = services.reveal_reporter(report=report, actor=request.user)
    return render(request, "reports/identity.html", {"report": report, "identity": identity})


@_reports_staff
def evidence_file(request, report_id: int, evidence_id: int):
    """An evidence file, verified against its SHA-256; `?asli=1` gives the sealed original (audited)."""
    item = selectors.evidence_for_user(request.user, report_id, evidence_id)
    original = request.GET.get("asli") == "1"
    try:
        data = services.read_evidence(item=item, actor=request.user, original=original)
    except EvidenceIntegrityError as error:
        logger.error("Evidence %s of report %s failed verification", item.pk, report_id)
        return render(request, "reports/evidence_error.html", {"error": error, "report_id": report_id}, status=409)
    response = HttpResponse(data, content_type=item.content_type)
    disposition = "attachment" if original else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="bukti-{item.pk}-{item.sha256[:12]}"'
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'"
    response["Cache-Control"] = "private, no-store"
    return response


@_reports_staff
@require_POST
def change_status(request, report_id: int):
    report = selectors.report_for_user(request.user, report_id)
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            services.change_report_status(
                report=report, to=form.cleaned_data["status"], actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Status laporan diperbarui."))
    else:
        messages.error(request, _("Pilih tindakan yang tersedia."))
    return redirect("reports:detail", report_id=report.pk)
