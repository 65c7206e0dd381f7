"""``python -m course.consent [SPLIT ...]``: the checker's agreement with the hand-labelled evaluation set."""

from .evaluate import main

raise SystemExit(main())
