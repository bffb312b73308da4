"""The one task every job runs through: a thin wrapper over ``job_run`` (safe to retry)."""

from __future__ import annotations

from django_tasks import task

from rightstrack.core.jobs.services import job_run


@task()
def run_job(*, job_id: int) -> str:
    job = job_run(job_id=job_id)
    return job.state if job is not None else "missing"
