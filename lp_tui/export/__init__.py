"""Session records out of lp-tui (and back in): one module per format."""

FORMATS = ("json", "csv", "md", "html", "xlsx")  # here, so naming them loads no writer
