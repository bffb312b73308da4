"""Every read in reporting: scoped, with their relations loaded up front, in a constant number of queries.

Split by concept; every public name is here as ``selectors.<name>``.
"""

from rightstrack.reporting.selectors.cycles import (
    cycle_detail,
    cycle_list,
    provincial_committees_on,
)
from rightstrack.reporting.selectors.dashboard import (
    CycleDashboard,
    DashboardRow,
    cycle_dashboard,
)
from rightstrack.reporting.selectors.reports import (
    FOCAL_POINT_ROLES,
    REPORT_PARTS,
    REVIEWER_ROLES,
    SubmissionCheck,
    figure_rows,
    focal_points_of,
    predecessor_reports,
    report_content,
    report_content_and_changes,
    report_detail,
    report_list,
    reports_to_review,
    reports_to_write,
    reviewers_for,
    section_rows,
    submission_check,
)
from rightstrack.reporting.selectors.revisions import (
    SectionDiff,
    default_comparison,
    report_revisions,
    revision_diff,
)
from rightstrack.reporting.selectors.templates import (
    template_current,
    template_detail,
    template_list,
    visible_report_count,
)

__all__ = [
    "CycleDashboard",
    "DashboardRow",
    "FOCAL_POINT_ROLES",
    "REPORT_PARTS",
    "REVIEWER_ROLES",
    "SectionDiff",
    "cycle_dashboard",
    "default_comparison",
    "cycle_detail",
    "cycle_list",
    "figure_rows",
    "focal_points_of",
    "predecessor_reports",
    "provincial_committees_on",
    "report_content",
    "report_content_and_changes",
    "report_detail",
    "report_list",
    "report_revisions",
    "reports_to_review",
    "reports_to_write",
    "reviewers_for",
    "section_rows",
    "SubmissionCheck",
    "submission_check",
    "revision_diff",
    "template_current",
    "template_detail",
    "template_list",
    "visible_report_count",
]
