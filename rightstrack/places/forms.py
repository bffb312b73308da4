"""Forms of the places pages."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightstrack.core.forms import DateInput


class RegionDayForm(forms.Form):
    """The day a region's member units are listed for (today when left out)."""

    on = forms.DateField(label=_("Members as of"), required=False, widget=DateInput())

    def day(self) -> datetime.date:
        """The day asked for, or today when none was given or it is not a date (the form then says why)."""
        if self.is_valid() and self.cleaned_data["on"]:
            return self.cleaned_data["on"]
        return timezone.localdate()
