"""Form pieces shared by several apps."""

from django import forms
from django.conf import settings

from core.tabular import TabularError, check_upload


class TabularFileField(forms.FileField):
    """An uploaded CSV or XLSX, refused early when too large or of another type (judged by content)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                check_upload(upload, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES)
            except TabularError as error:
                raise forms.ValidationError(str(error)) from error
        return upload
