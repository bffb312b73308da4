"""Django's own messages whose Vietnamese Django's catalogue lacks, repeated here so that ``make messages``
puts them in ours (which takes precedence), where they are translated: no English in a Vietnamese page
(tests/test_vietnamese_pages.py finds any). Nothing imports this module; makemessages reads it.

Django 5.2 rewrote the short-password message with ``%d`` and the ``timesince`` units with ``%(num)d``; its
Vietnamese catalogue still has the old texts, so "4 minutes" showed in English.
"""

from django.utils.translation import ngettext_lazy

MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
]
