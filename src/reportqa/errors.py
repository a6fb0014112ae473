"""Errors a user can cause or fix; front ends turn them into one-line messages."""


class ReportQAError(Exception):
    """Base class: the message is meant for a person and says what to do."""


class CorpusError(ReportQAError):
    """The corpus folder is missing, empty, or holds nothing readable."""


class DocumentError(ReportQAError):
    """One document could not be read (broken, encrypted, not what its name says)."""


class IndexMissingError(ReportQAError):
    """No built index where one was expected."""


class IndexMismatchError(ReportQAError):
    """The index was built with another model or prompts than the ones configured."""


class IndexCorruptError(ReportQAError):
    """Files of an index version are missing or do not match their checksums."""


class BuildLockedError(ReportQAError):
    """Another build holds the index lock."""


class StoreUnavailableError(ReportQAError):
    """The store cannot be reached (PostgreSQL down, timed out); retrying later can work.

    The HTTP API answers 503 with the message; the CLI prints it as one line."""


class UnknownSeriesError(ReportQAError):
    """No report series of the index has the id or name asked for (HTTP 404)."""


class UnknownEditionError(ReportQAError):
    """The series has no such edition, or too few to compare (HTTP 422)."""
