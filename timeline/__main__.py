"""``python -m timeline``: see :mod:`timeline.cli`."""

import sys

from timeline.cli import main

sys.exit(main())
