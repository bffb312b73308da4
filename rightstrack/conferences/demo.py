from rightstrack.core.registry import DemoResult


def load() -> DemoResult:
    return DemoResult()
