"""The tests. A test run caches compiled bytecode, even where PYTHONDONTWRITEBYTECODE is set (it
is on the machines CI runs on): without it every xdist worker, and every lp-tui process a test
starts (the apps in tmux, the coach over ssh, the killed writers), compiled lp_tui and the test
modules from source again, each on its own. The caches go to __pycache__, which git ignores.
This package is imported before any conftest, so lp_tui's first import is already cached."""

import os
import sys

sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # for the workers and the processes tests start
