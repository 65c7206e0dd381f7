"""``python -m course`` is the same as the ``course`` command."""

import sys

from .cli import main

sys.exit(main())
