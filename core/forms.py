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


class AccessibleForm(forms.Form):
    """Ties help texts and errors to their inputs (aria-describedby, aria-invalid) for screen readers.

    Render fields with `{% include "core/field.html" %}`, which gives the help and error elements the ids
    used here: `<input id>-help` and `<input id>-errors`.
    """

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self) -> None:
        """Set the aria attributes from the current help texts and errors (call again after add_error)."""
        for name, field in self.fields.items():
            bound = self[name]
            described = [f"{bound.auto_id}-help"] if field.help_text else []
            if name in self.errors:
                described.append(f"{bound.auto_id}-errors")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented recipe); size and type are checked by the caller."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []
