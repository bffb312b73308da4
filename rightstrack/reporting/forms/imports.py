"""Forms of the Word import: the upload, and where each part of the document goes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from rightstrack.exchange.import_plan import LETTER, UNPLACED, ImportPlan
from rightstrack.exchange.uploads import DEFAULT_MAX_BYTES
from rightstrack.reporting.models import TemplateSection

MOVE_PREFIX = "move_"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word document (.docx)"),
        allow_empty_file=True,  # refused by exchange.uploads, with the same words as everywhere else
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s. Section titles marked with Word's heading styles, or numbered in bold "
            "(“I.”, “1.”, “1.1.”), are matched to the report's sections."
        ) % {"size": filesizeformat(DEFAULT_MAX_BYTES)}


class ImportMoveForm(forms.Form):
    """Where each part of an imported document goes: a section of the template, or the unplaced text."""

    def __init__(
        self, *args: Any, plan: ImportPlan, sections: Sequence[TemplateSection], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        choices: list[tuple[str, str]] = [
            (s.key, ("— " if s.parent_id else "") + s.display_title) for s in sections
        ]
        choices.append((UNPLACED, str(_("Not placed: keep it aside"))))
        choices.append((LETTER, str(_("Letter furniture: keep it out of the report"))))
        for part in plan.parts:
            self.fields[f"{MOVE_PREFIX}{part.id}"] = forms.ChoiceField(
                label=_("Goes to"), choices=choices, initial=part.target, required=False
            )

    def moves(self) -> Mapping[str, str]:
        """Part id → where it goes; a part left out keeps its place."""
        moves = {part.id: self.cleaned_data.get(f"{MOVE_PREFIX}{part.id}") for part in self.plan.parts}
        return {part_id: target for part_id, target in moves.items() if target}
