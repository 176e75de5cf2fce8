"""``python -m symdiff``: the same as the ``symdiff`` command."""

import sys

from .ui.cli import main

sys.exit(main())
