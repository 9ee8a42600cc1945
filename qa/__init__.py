"""mtqa: finds machine-translation artifacts and text-quality problems in translated copy."""

__version__ = "0.1.0"
