"""Pure logic of lp-tui: no I/O, no Textual, no TinyDB."""
