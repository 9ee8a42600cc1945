"""Errors that end a file's check or a run with exit code 2, carrying a one-line cause."""


class InputError(Exception):
    """An input that cannot be checked; the message is the cause, the caller adds the path."""


class UsageError(Exception):
    """A command line or configuration that cannot be honoured."""


class Unavailable(Exception):
    """A rule that cannot run here (its server is unreachable, say): a warning, not a failure.

    Raised by a kind's `prepare` or `check`; the engine drops or skips the rule, keeps
    every other result, and reports the message once as a warning naming the rule.
    """


class Incomplete(Unavailable):
    """A rule that checked a file only in part (a user pattern ran out of time): what it found
    before raising stands, and the message is a warning naming the rule."""


class NotConfigured(Unavailable):
    """A rule that needs set-up nobody has done (no server named): left out quietly.

    It is a warning only when the user asked for the rule by name.
    """
