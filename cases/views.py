"""Pages of case handling: the supervisors' dashboard, a case with its steps, new findings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import rules
from accounts.decorators import staff_required
from cases import documents, selectors, services
from cases.forms import CaseFilterForm, CommentForm, FindingForm, StepForm
from cases.states import STEPS, next_states, transition
from core.pagination import page_of
from regions.models import Region
from reports.evidence import EvidenceError, EvidenceIntegrityError, read_blob


@staff_required
def dashboard(request):
    """Open cases of the user's area, overdue first, then by next deadline."""
    form = CaseFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CaseFilters(
        state=data.get("state", ""),
        region=data.get("region", ""),
        q=data.get("q", ""),
        assigned_to_me=bool(data.get("mine")),
        overdue=bool(data.get("overdue")),
        open_only=not data.get("closed"),
    )
    page = page_of(selectors.dashboard(request.user, filters), request.GET.get("page"))
    context = {"form": form, "page": page, "today": timezone.localdate(),
               "can_open_finding": rules.receives_public_reports(request.user),
               "saved_views": list(request.user.saved_case_views.all())}  # fmt: skip
    return render(request, "cases/dashboard.html", context)


@staff_required
def detail(request, case_id: int):
    case = selectors.case_for_user(request.user, case_id)
    steps = [
        (to, STEPS[case.state][to], StepForm(current=case.state, to=to, initial={"to": to, "version": case.version},
                                             auto_id=f"id_{to}_%s"))
        for to in next_states(request.user, case.state)
    ]  # fmt: skip
    context = {
        "case": case,
        "today": timezone.localdate(),
        "steps": steps,
        "events": list(case.events.select_related("actor")),
        "comments": list(case.comments.select_related("author")),
        "comment_form": CommentForm(),
        "shortfall": services.sanction_shortfall(case),
        "recommended_outside_band": services.outside_allowed_band(case, case.recommended_penalty),
        "imposed_outside_band": services.outside_allowed_band(case, case.imposed_penalty),
        "documents": list(case.documents.all()),
        "attachments": list(case.attachments.all()),
        "assignees": list(selectors.possible_assignees(case).order_by("username"))
        if rules.receives_public_reports(request.user)
        else [],
        "can_issue": [(kind, documents.DOCUMENT_KINDS[kind]) for kind in documents.available_documents(case)]
        if rules.receives_public_reports(request.user)
        else [],
    }
    return render(request, "cases/detail.html", context)


@staff_required
@require_POST
def take_step(request, case_id: int):
    case = selectors.case_for_user(request.user, case_id)
    to = request.POST.get("to", "")
    if to not in STEPS.get(case.state, {}):
        messages.error(request, _("Langkah itu tidak tersedia untuk status kasus sekarang."))
        return redirect("cases:detail", case_id=case.pk)
    form = StepForm(request.POST, current=case.state, to=to)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}: {' '.join(errors)}")
        return redirect("cases:detail", case_id=case.pk)
    try:
        transition(case, to, actor=request.user, reason=form.cleaned_data["reason"], data=form.step_data(),
                   expected_version=form.cleaned_data["version"])  # fmt: skip
    except PermissionDenied as error:
        messages.error(request, str(error) or _("Anda tidak berhak melakukan langkah ini."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Langkah dicatat."))
    return redirect("cases:detail", case_id=case.pk)


@staff_required
@require_POST
def comment(request, case_id: int):
    case = selectors.case_for_user(request.user, case_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(case=case, actor=request.user, text=form.cleaned_data["text"])
    return redirect("cases:detail", case_id=case.pk)


@staff_required
@require_POST
def extend(request, case_id: int):
    case = selectors.case_for_user(request.user, case_id)
    if not rules.receives_public_reports(request.user):
        raise PermissionDenied
    try:
        services.extend_deadline(case=case, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("cases:detail", case_id=case.pk)


@staff_required
@require_POST
def assign_to_me(request):
    """Bulk action on the dashboard: take the selected cases."""
    if not rules.receives_public_reports(request.user):
        raise PermissionDenied
    ids = [int(value) for value in request.POST.getlist("case") if value.isdigit()]
    for case in selectors.cases_visible_to(request.user).filter(pk__in=ids):
        services.assign_case(case=case, actor=request.user, assignee=request.user)
    messages.success(request, _("%(count)d kasus kini menjadi tugas Anda.") % {"count": len(ids)})
    return redirect("cases:dashboard")


@staff_required
def new_finding(request):
    """A supervisor records their own finding (temuan)."""
    if not rules.receives_public_reports(request.user):
        raise PermissionDenied
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = Region.objects.filter(code=data["region"]).first()
        if region is None or "." not in region.code:
            form.add_error("region", _("Kode kabupaten/kota tidak dikenal."))
        else:
            try:
                case = services.open_finding(
                    actor=request.user, election=data["election"], region=region, summary=data["summary"],
                    occurred_on=data["occurred_on"], reported_name=data["reported_name"],
                    reported_agency_name=data["reported_agency_name"],
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error)
            else:
                return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/finding.html", {"form": form})


@staff_required
@require_POST
def issue(request, case_id: int):
    """Issue a formal document of the case (a new number each time; earlier versions are kept)."""
    case = selectors.case_for_user(request.user, case_id)
    try:
        document = documents.issue_document(case=case, kind=request.POST.get("kind", ""), actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Dokumen %(number)s diterbitkan.") % {"number": document.number})
    return redirect("cases:detail", case_id=case.pk)


@staff_required
def document(request, case_id: int, document_id: int):
    """A document's PDF, verified against the SHA-256 recorded when it was issued."""
    case = selectors.case_for_user(request.user, case_id)
    item = case.documents.filter(pk=document_id).first()
    if item is None:
        raise Http404
    try:
        data = documents.read_document(item)
    except EvidenceIntegrityError as error:
        return render(request, "reports/evidence_error.html", {"error": error, "report_id": case.report_id}, status=409)
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"{item.kind}-{item.number.replace('/', '-')}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
@require_POST
def attach(request, case_id: int):
    case = selectors.case_for_user(request.user, case_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Pilih berkas yang akan dilampirkan."))
        return redirect("cases:detail", case_id=case.pk)
    try:
        services.attach_file(case=case, actor=request.user, upload=upload)
    except EvidenceError as error:
        messages.error(request, error.message)
    return redirect("cases:detail", case_id=case.pk)


@staff_required
def attachment(request, case_id: int, attachment_id: int):
    """An attachment's copy without metadata, verified against its SHA-256."""
    case = selectors.case_for_user(request.user, case_id)
    item = case.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    try:
        data = read_blob(item.viewable_sha256)
    except EvidenceIntegrityError as error:
        return render(request, "reports/evidence_error.html", {"error": error, "report_id": case.report_id}, status=409)
    response = HttpResponse(data, content_type=item.content_type)
    response["Content-Disposition"] = f'inline; filename="lampiran-{item.pk}"'
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'"
    return response


@staff_required
@require_POST
def save_view(request):
    try:
        services.save_view(user=request.user, name=request.POST.get("name", ""), query=request.POST.get("query", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(f"{reverse('cases:dashboard')}?{request.POST.get('query', '')}")


@staff_required
@require_POST
def assign(request, case_id: int):
    """Hand the case to a supervisor of its area."""
    case = selectors.case_for_user(request.user, case_id)
    if not rules.receives_public_reports(request.user):
        raise PermissionDenied
    assignee = selectors.possible_assignees(case).filter(pk=request.POST.get("assignee") or 0).first()
    if assignee is None:
        messages.error(request, _("Pilih pengawas yang bertugas di wilayah kasus ini."))
    else:
        services.assign_case(case=case, actor=request.user, assignee=assignee)
        messages.success(request, _("Penanggung jawab diubah."))
    return redirect("cases:detail", case_id=case.pk)
