"""Entry point for ``python -m geocoding``."""

import sys

from geocoding.cli import main

sys.exit(main())
