"""A Textual stylesheet that parses each CSS source once for one set of variables.

Textual's ``reparse`` starts from an empty stylesheet, and setting the variables (which an app
does as it starts, for its theme) drops every parse made, even when they are the same. At a
facilitator's start that parsed lp_tui/ui/app.tcss and Textual's own CSS three times, and the
first showing of each screen that brings CSS of its own parsed every source again.

Here the variables are compared first, and a reparse keeps what was parsed with the same ones:
only new sources are parsed. New variables (another theme) still parse everything again.
"""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet


class ParseOnceStylesheet(Stylesheet):
    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._parsed_with = dict(variables or {})

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables == self._parsed_with:
            return
        self._parsed_with = dict(variables)
        super().set_variables(variables)

    def reparse(self) -> None:
        # Textual's parses into a new stylesheet so that an error leaves this one as it was;
        # ``parse`` replaces the rules only when every source parsed, so it does too.
        self.parse()
