"""Browser mode: ``companion serve`` runs the app in a browser tab through textual-serve."""
