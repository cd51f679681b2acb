from django.http import FileResponse, Http404
from django.shortcuts import render

from accounts import rules
from accounts.decorators import staff_required
from core import selectors


def home(request):
    """Public landing page; staff also see the size of what they are responsible for."""
    context = {}
    if rules.is_staff_member(request.user) and rules.is_verified(request.user):
        context["overview"] = selectors.overview_for(request.user)
    return render(request, "core/home.html", context)


@staff_required
def job_detail(request, job_id):
    """Progress and outcome of a background job; refreshes itself while the job runs."""
    job = selectors.job_for_user(request.user, job_id)
    template = "core/job_detail.html#progress" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@staff_required
def job_errors(request, job_id):
    job = selectors.job_for_user(request.user, job_id)
    if not job.error_file:
        raise Http404
    return FileResponse(job.error_file.open("rb"), as_attachment=True, filename=f"galat-{job.input_name}.csv")
