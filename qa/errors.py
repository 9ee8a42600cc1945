"""Errors that end a file's check or a run with exit code 2, carrying a one-line cause."""


class InputError(Exception):
    """An input that cannot be checked; the message is the cause, the caller adds the path."""


class UsageError(Exception):
    """A command line or configuration that cannot be honoured."""
