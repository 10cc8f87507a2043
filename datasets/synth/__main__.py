"""``python -m datasets.synth``: the synthetic data generator's command line."""

import sys

from datasets.synth.cli import main

sys.exit(main())
