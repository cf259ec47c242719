"""The reference: a hello-world Textual app, to compare Companion's first frame against."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello from Textual")


if __name__ == "__main__":
    Hello().run()
