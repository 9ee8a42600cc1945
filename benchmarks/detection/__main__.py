"""``python -m benchmarks.detection``: generate, check and score in one command."""

from benchmarks.detection.run import main

raise SystemExit(main())
