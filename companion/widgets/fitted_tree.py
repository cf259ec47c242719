"""A tree whose labels end in "…" when they do not fit its width, instead of being cut."""

from __future__ import annotations

from typing import TypeVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

T = TypeVar("T")


class FittedTree(Tree[T]):
    """Textual's ``Tree``, with every label shortened to the width it has (ending in ``…``).

    Textual's own tree cuts a long label at its right edge and lets the tree scroll
    sideways; at 40 columns a lesson's title then stopped mid-word ("both · 60 m").
    """

    def render_label(self, node: TreeNode[T], base_style: Style, style: Style) -> Text:
        """The label as Textual draws it, ending in ``…`` where it would pass the edge."""
        text = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self._indent(node)
        if 0 < room < text.cell_len:
            text.truncate(room, overflow="ellipsis")
        return text

    def _indent(self, node: TreeNode[T]) -> int:
        """The columns the guides take before ``node``'s label."""
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        levels = depth if self.show_root else depth - 1
        return max(0, levels) * self.guide_depth
