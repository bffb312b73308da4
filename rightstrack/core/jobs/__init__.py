"""Background jobs with progress: one mechanism for every long operation (exports, imports, the pack,
tagging).

An app lists its job kinds in its ``core.registry.Contribution(jobs=[JobKind(...)])``; a view, API view or
command calls ``services.job_enqueue``; the row is queued after commit through django-tasks and run by
``services.job_run`` (idempotent, safe to retry), which records progress, the result file or a user-facing
error. The web shows progress through a polled fragment, the API at ``/api/jobs/``, the CLI as a bar on
stderr. Old finished jobs and their files go after ``JOB_RETENTION_DAYS`` (``services.jobs_purge``).
"""
