"""For comparison: a plain Textual MarkdownViewer (with its table of contents) on one lesson."""

import sys

from textual.app import App, ComposeResult
from textual.widgets import MarkdownViewer

from companion.curriculum.sources import load_for


class Viewer(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield MarkdownViewer(self.text, show_table_of_contents=True)


if __name__ == "__main__":
    curriculum, _ = load_for(None)
    Viewer(curriculum.lessons[sys.argv[1]].body).run()
