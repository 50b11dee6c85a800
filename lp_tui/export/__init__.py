"""Session records out of lp-tui (and back in): one module per format."""
