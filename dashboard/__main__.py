"""Entry point for ``python -m dashboard`` (``snapshot`` and ``import``)."""

import sys

from dashboard.cli import main

sys.exit(main())
