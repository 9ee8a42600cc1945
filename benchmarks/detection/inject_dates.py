"""Injections added for issue 12 (recall); each module declares its own variants and look-alikes."""

from __future__ import annotations

from benchmarks.detection.injection import Variant

VARIANTS: list[Variant] = []
LOOKALIKES: list[Variant] = []
