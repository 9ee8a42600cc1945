"""Detection benchmark: inject known artifacts into clean translated news and measure what mtqa finds.

Run it with ``python -m benchmarks.detection`` from the repository root (see README.md here).
"""
