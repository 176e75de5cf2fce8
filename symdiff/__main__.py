"""``python -m symdiff``: the same as the ``symdiff`` command."""

import sys

from .cli import main

sys.exit(main())
