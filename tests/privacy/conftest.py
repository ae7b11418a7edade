"""Hypothesis profiles for the privacy tests.

- ``ci`` (the default, used by ``make test`` and CI): derandomized, a fixed number of
  examples, no deadline and no example database, so every run tests the same inputs
  and a test can only fail because the code changed.
- ``fuzz`` (``make fuzz``, or ``HYPOTHESIS_PROFILE=fuzz``): random, many examples, to
  explore; a failure it finds becomes a fixed example in the tests.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=100,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "5000")),
    deadline=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
