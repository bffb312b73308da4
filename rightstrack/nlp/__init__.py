"""Text intelligence without Django: normalisation, sentences, Vietnamese words, language, embeddings, and the
facts of a meeting read from a news article.

Ports and adapters (STYLE.md, "Text intelligence behind ports and adapters"): ``ports.py`` names what the
package needs from outside (a place resolver, a directory of known persons, an embedding model, a cache);
adapters that need nothing from the project live here, and the Django-side adapters are wired in by the
project's command line (``rightstrack/nlp_commands.py``). This package imports ``rightstrack.core.text`` (the
one folding function) and nothing else of the project; tests/test_import_direction.py keeps it so.
"""
