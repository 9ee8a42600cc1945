"""Hypothesis profiles for the fuzz suite, chosen by HYPOTHESIS_PROFILE.

"ci" (the default) is short and derandomized, so `python -m pytest` stays fast and a failure
comes back on every run; "long" draws 100,000 examples a test from a fresh seed each run
(`HYPOTHESIS_PROFILE=long python -m pytest tests/fuzz`; benchmarks/fuzz.py counts and
shrinks failures per format instead of stopping at the first).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=SLOW_INPUTS
)
settings.register_profile(
    "long", max_examples=100_000, deadline=None, database=None, suppress_health_check=SLOW_INPUTS
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
