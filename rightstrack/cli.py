"""The `rightstrack` console command: a friendly front door to the Django management commands.

rightstrack serve [ADDR:PORT]     run the web app (migrates first)
rightstrack demo [--no-serve]     migrate, load the demo data, print the logins, serve
rightstrack migrate               apply database migrations
rightstrack createadmin           create an administrator interactively
rightstrack backup [-o FILE]      the database and uploaded files in one archive, with a manifest
rightstrack restore FILE [--force]  put a backup back (an empty database unless --force) and verify it
rightstrack places import-communes FILE.csv
rightstrack places load-communes [--province CODE ...]   the shipped communes of 1 July 2025
rightstrack bodies create-commune-bodies [--province CODE ...]   their People's Committees and police
rightstrack report import-docx FILE.docx --body CODE --cycle ID [--as USERNAME] [--dry-run]
rightstrack report export (--cycle ID | --all) --format {docx,pdf,xlsx} -o DIR
rightstrack pack build [--conference ID | --cycle ID [--region CODE]] --format {docx,pdf} -o FILE
rightstrack extract FILE... [--published YYYY-MM-DD] [--group]   meeting facts from articles (JSON Lines)
rightstrack nlp evaluate-extract DIR --facts FILE                 accuracy of extract per field
rightstrack tag --taxonomy {sdg-goal,sdg-target,uhri-theme,affected-persons,work-area}
                                   tag JSON Lines {id, text} from stdin; {id, labels} on stdout
rightstrack nlp evaluate --taxonomy T [--folds 5] [--json]   the tagger's precision, recall, F1, accuracy
rightstrack documents ingest PATH... [--body CODE] [--kind KIND]   keep documents from files, folders, ZIPs
rightstrack jobs purge [--days N]  remove finished background jobs and their files (JOB_RETENTION_DAYS)
rightstrack tasks overdue [--body CODE] [--json]   tasks open or in progress after their due date
rightstrack tasks remind [--today YYYY-MM-DD]      send the task reminders due (each once; for cron)
rightstrack recommendations import FILE [--dry-run]   UN recommendations (UHRI XLSX/CSV/JSON, thematic list)
rightstrack recommendations export --format {json,csv,xlsx} [-o FILE]
rightstrack recommendations report {midterm,national,matrix} -o FILE [--by theme] [--filter Q] [--as USER]
rightstrack recommendations load-sdg   the SDG goals, targets and indicators
rightstrack laws citations         find the register's laws cited by symbol in the reports (idempotent)
rightstrack activities import FILE.xlsx --body CODE [--as USERNAME] [--dry-run]   a body's activities
rightstrack <any manage.py command>
"""

from __future__ import annotations

import os
import sys

from django.core.exceptions import ImproperlyConfigured

ALIASES = {
    "serve": "rightstrack_serve",
    "demo": "rightstrack_demo",
    "createadmin": "rightstrack_createadmin",
}
GROUPS = {
    ("places", "import-communes"): "import_communes",
    ("places", "load-communes"): "load_communes",
    ("bodies", "create-commune-bodies"): "create_commune_bodies",
    ("places", "resolve"): "resolve_place",
    ("report", "import-docx"): "report_import_docx",
    ("report", "export"): "report_export",
    ("pack", "build"): "pack_build",
    ("jobs", "purge"): "jobs_purge",
    ("tasks", "overdue"): "tasks_overdue",
    ("tasks", "remind"): "tasks_remind",
    ("documents", "ingest"): "documents_ingest",
    ("recommendations", "import"): "recommendations_import",
    ("recommendations", "export"): "recommendations_export",
    ("recommendations", "load-sdg"): "recommendations_load_sdg",
    ("recommendations", "report"): "recommendations_report",
    ("laws", "citations"): "laws_citations",
    ("activities", "import"): "activities_import",
}


def _translate(argv: list[str]) -> list[str]:
    if len(argv) >= 2 and (argv[0], argv[1]) in GROUPS:
        return [GROUPS[(argv[0], argv[1])], *argv[2:]]
    if argv and argv[0] in ALIASES:
        return [ALIASES[argv[0]], *argv[1:]]
    return argv


def main(manage: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    args = sys.argv[1:]
    if not manage and (not args or args[0] in {"-h", "--help"}):
        print(__doc__)
        return
    if not manage and (args[:1] == ["extract"] or args[:2] == ["nlp", "evaluate-extract"]):
        from rightstrack.nlp_cli import main as nlp_main

        raise SystemExit(nlp_main(args))
    from rightstrack.bootstrap import prepare

    prepare()  # var/ and, in development, the secret key: settings only read them
    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        print(f"rightstrack: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if not manage and (args[:1] == ["tag"] or args[:2] == ["nlp", "evaluate"]):
        from rightstrack.tagging.cli import main as tagging_main

        raise SystemExit(tagging_main(args))
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *(args if manage else _translate(args))])


if __name__ == "__main__":
    main()
