"""rightstrack: the working loop of a national human-rights mechanism."""

__version__ = "0.1.0"
