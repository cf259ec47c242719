"""Whether any style rule styles the widgets inside a container by its focus.

Textual restyles a widget and every widget inside it whenever the widget gains
or loses focus, in case a rule such as ``LessonView:focus Paragraph`` styles
them by it. For a container holding hundreds of widgets (a long lesson) that
restyle held the event loop 0.1-0.2 s on every change of focus, Escape
included; when no rule can apply, the container alone needs restyling.
"""

from __future__ import annotations

from collections.abc import Set

from textual.css.model import RuleSet, SelectorType

_SEEN: dict[tuple[int, frozenset[str]], tuple[list[RuleSet], bool]] = {}


def focus_reaches_inside(rules: list[RuleSet], type_names: Set[str]) -> bool:
    """Whether a rule may style what is inside a widget by that widget's focus.

    Conservative: any selector that could name the widget (one of its
    ``type_names``, any id, class or ``*``) with ``:focus`` or ``:blur``, and
    more selectors after it. ``App:blur HeaderTitle`` (the app's own focus)
    does not count. Remembered per parsed stylesheet (``rules`` is a new list
    whenever the stylesheet is parsed again).
    """
    key = (id(rules), frozenset(type_names))
    seen = _SEEN.get(key)
    if seen is not None and seen[0] is rules:
        return seen[1]
    reaches = any(
        selector.pseudo_classes & {"focus", "blur"}
        and (selector.type != SelectorType.TYPE or selector.name in type_names)
        for rule in rules
        for selector_set in rule.selector_set
        for selector in selector_set.selectors[:-1]
    )
    if len(_SEEN) > 8:
        _SEEN.clear()
    _SEEN[key] = (rules, reaches)
    return reaches
