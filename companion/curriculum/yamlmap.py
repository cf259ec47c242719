"""YAML parsing that remembers on which line each value stands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml


class YamlDocument:
    """A parsed YAML document plus its node tree, to turn a field path into a line."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        """Parse ``text``; ``first_line`` is the file line on which ``text`` starts.

        Raises ``yaml.YAMLError`` when the text is not valid YAML.
        """
        self.first_line = first_line
        self.node, self.data = _compose_and_construct(text)

    def line_of(self, loc: Sequence[int | str]) -> int:
        """Return the file line of the value at ``loc``, or of its nearest parent."""
        node = self.node
        line = node.start_mark.line if node is not None else 0
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key, value in node.value:
                    if key.value == part:
                        child = value
                        line = key.start_mark.line
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
                line = child.start_mark.line
            if child is None:
                break
            node = child
        return self.first_line + line

    def item_lines(self, key: str, count: int) -> list[int]:
        """Return the lines of the first ``count`` items of the list at ``key``.

        The same as ``[line_of((key, i)) for i in range(count)]``, walking to ``key`` once.
        """
        node = self.node
        if isinstance(node, yaml.MappingNode):
            for name, value in node.value:
                if name.value == key:
                    if isinstance(value, yaml.SequenceNode) and count <= len(value.value):
                        first = self.first_line
                        return [first + item.start_mark.line for item in value.value[:count]]
                    break
        return [self.line_of((key, index)) for index in range(count)]


_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it (about 20 times faster), else PyYAML's own."""

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
"""Scalar tags whose safe constructor depends on the node alone (no loader state)."""


class _Unusual(Exception):
    """A node the quick construction leaves to PyYAML's constructor."""


def _build(loader: yaml.SafeLoader, node: yaml.Node, seen: set[int] | None) -> Any:
    """Construct ``node`` as ``SafeConstructor`` does, for plain trees; raise _Unusual otherwise.

    Plain means: mappings with string keys (no merge ``<<`` or ``=`` key), lists,
    and scalars whose tag's constructor needs nothing but the node; each node met
    once (an alias is left to PyYAML, which shares the object it built). ``seen``
    is None when the text has no ``*`` at all, so no alias: no node can come twice.
    """
    if seen is not None:
        if id(node) in seen:
            raise _Unusual
        seen.add(id(node))
    tag = node.tag
    kind = type(node)
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag in _PLAIN_SCALARS:
            return loader.yaml_constructors[tag](loader, node)
    elif kind is yaml.SequenceNode and tag == _SEQ:
        return [_build(loader, item, seen) for item in node.value]
    elif kind is yaml.MappingNode and tag == _MAP:
        data: dict[str, Any] = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag != _STR:
                raise _Unusual
            if seen is not None:
                if id(key) in seen:
                    raise _Unusual
                seen.add(id(key))
            data[key.value] = _build(loader, value, seen)
        return data
    raise _Unusual


def _construct(loader: yaml.SafeLoader, node: yaml.Node, aliases: bool) -> Any:
    """Return the data of ``node``: built directly when plain, else by PyYAML's constructor.

    ``aliases``: whether the text may hold one (it has a ``*``).
    """
    try:
        return _build(loader, node, set() if aliases else None)
    except (_Unusual, RecursionError):
        return loader.construct_document(node)


def _compose_and_construct(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse ``text`` once into its node tree and build the data from that tree.

    A text libyaml refuses is parsed again by PyYAML's own loader, so the error
    (its message and line) is always PyYAML's, whichever loader is installed.
    """
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        data = _construct(loader, node, "*" in text) if node is not None else None
    except yaml.YAMLError:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        yaml.compose(text, Loader=yaml.SafeLoader)
        yaml.safe_load(text)
        raise
    finally:
        loader.dispose()
    return node, data


def yaml_error_line(error: yaml.YAMLError, first_line: int = 1) -> int:
    """Return the file line a YAML error points at.

    An error found only at the end of the text (an unclosed bracket or quote)
    points at the line where the unclosed construct began.
    """
    problem = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    at_end = problem is not None and problem.pointer >= len(problem.buffer or "") - 1
    mark = context if (at_end and context is not None) else (problem or context)
    return first_line + (mark.line if mark is not None else 0)


def yaml_error_message(error: yaml.YAMLError) -> str:
    """Return a one-line description of a YAML error."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return f"invalid YAML: {problem}"
