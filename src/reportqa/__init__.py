"""reportqa: question answering over regional reports, quoted with sources."""

__version__ = "0.1.0"
