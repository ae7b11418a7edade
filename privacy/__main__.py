"""``python -m privacy``: see :mod:`privacy.cli`."""

from privacy.cli import main

raise SystemExit(main())
