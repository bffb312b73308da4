"""The one task every job runs through: a thin wrapper over ``job_run`` (safe to retry)."""

from __future__ import annotations

from django_tasks import task

from rightstrack.core.jobs.services import job_run, jobs_purge_due


@task()
def run_job(*, job_id: int) -> str:
    job = job_run(job_id=job_id)
    jobs_purge_due()  # the workers keep the retention (at most hourly), so no cron entry is needed for it
    return job.state if job is not None else "missing"
