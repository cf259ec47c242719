"""The fast content load gives what the full parse gave: front matter, YAML errors, cache."""

from __future__ import annotations

import orjson
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.curriculum import cache as cached
from companion.curriculum import files, sources, yamlmap
from companion.curriculum.files import _front_matter_parser, _plain_front_matter, front_matter_span

BODY = "# Title\n\nSome *text* and [a link](lesson:x).\n\n    code\n"

FRONT_MATTERS = [
    "---\nid: a\n---\n" + BODY,
    "---\nid: a\n---   \n" + BODY,
    "----\nid: a\n---\nstill: front\n----\n" + BODY,
    "---\nid: a\n...\n" + BODY,
    "---\nid: a\n  ---\n" + BODY,
    "---\nid: a\n    ---\nid: b\n---\n" + BODY,
    "---\nid: a\n\t---\nx: 1\n---\n" + BODY,
    "---\r\nid: a\r\n---\r\n" + BODY.replace("\n", "\r\n"),
    "---\n---\n" + BODY,
    "---\nid: a\n--- not closing\n---\n" + BODY,
    "---\nid: a\nno closing line\n" + BODY,
    "---yaml\nid: a\n---\n" + BODY,
    "--\nid: a\n---\n" + BODY,
    "id: a\n---\n" + BODY,
    "---",
    "---\n",
    "---\nid: a\n---",
]


def _full_parse(text: str) -> tuple[str, int] | None:
    """The front matter and the line after it, from markdown-it's parse of the whole text."""
    tokens = _front_matter_parser().parse(text)
    if not tokens or tokens[0].type != "front_matter" or tokens[0].map is None:
        return None
    return tokens[0].content, tokens[0].map[1]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_front_matter_read_from_the_head_equals_a_full_parse(text: str) -> None:
    assert front_matter_span(text) == _full_parse(text)


HEAD_LINES = st.lists(
    st.sampled_from(
        [
            "---",
            "----",
            "...",
            " ---",
            "   ---",
            "    ---",
            "\t---",
            "--- ",
            "---\r",
            "--",
            "---x",
            "... ",
            " ...",
            "- - -",
            "- a",
            "  - b",
            "id: a",
            "",
            " ",
            "a\0b",
            "x\ry",
            "\u00a0---",
            "---\x0b",
            "\x0c---",
            "```",
            "~~~",
            "# h",
            "> q",
        ]
    ),
    max_size=8,
)


@settings(max_examples=500, deadline=None)
@given(HEAD_LINES, HEAD_LINES, st.sampled_from(["\n", "\r\n", ""]))
def test_a_plain_head_is_read_as_the_plugin_reads_it(
    opening: list[str], rest: list[str], tail: str
) -> None:
    """Whenever the quick reading applies, markdown-it's plugin finds exactly the same."""
    text = "\n".join(["---", *opening, *rest]) + tail
    assert front_matter_span(text) == _full_parse(text)
    plain = _plain_front_matter(text)
    if plain is not None:
        assert plain == _full_parse(text)


def test_a_plain_head_does_not_reach_markdown_it(monkeypatch) -> None:
    lengths: list[int] = []
    parser = _front_matter_parser()
    real = parser.parse
    monkeypatch.setattr(
        parser, "parse", lambda src, env=None: lengths.append(len(src)) or real(src)
    )
    text = "---\nid: a\n---\n" + BODY * 1000
    assert front_matter_span(text) == ("id: a", 3) and lengths == []
    # A head the quick reading leaves alone: markdown-it reads the head, not the body.
    text = "----\nid: a\n----\n" + BODY * 1000
    assert front_matter_span(text) == ("id: a", 3)
    assert lengths == [len("----\nid: a\n----")]


def test_loading_plain_lessons_does_not_import_markdown_it(tmp_path) -> None:
    """The shipped curriculum's heads are all plain: a full load needs no Markdown parser."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from companion.curriculum.sources import load_for\n"
        "curriculum, problems = load_for(None)\n"
        "print(len(curriculum.lessons), len(problems), 'markdown_it' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(out[0]) > 20 and out[1:] == ["0", "False"]


BAD_YAML = [
    "a: [1, 2\nb: 3\n",
    "a: 1\n b: 2\n",
    "a: 'open\nb: 2\n",
    "a: 1\na: {x\n",
    "- x\ny: 1\n",
    "a: *nowhere\n",
    "a: !!python/object:os.system x\n",
    "key: value: other\n",
    "\tfield: tab\n",
]


@pytest.mark.parametrize("text", BAD_YAML)
def test_yaml_errors_read_as_pyyaml_reports_them(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.compose(text, Loader=yaml.SafeLoader)
        yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError) as got:
        yamlmap.YamlDocument(text, first_line=3)
    assert yamlmap.yaml_error_message(got.value) == yamlmap.yaml_error_message(expected.value)
    assert yamlmap.yaml_error_line(got.value, 3) == yamlmap.yaml_error_line(expected.value, 3)


def test_yaml_data_and_lines_match_pyyaml() -> None:
    text = "id: a\nlist:\n  - one\n  - two: 2\n    three: [3, '3']\nwhen: 2026-01-02\nn: ~\n"
    doc = yamlmap.YamlDocument(text, first_line=2)
    assert doc.data == yaml.safe_load(text)
    assert doc.line_of(("list", 1, "three")) == 2 + 4
    assert doc.line_of(("missing",)) == 2
    assert yamlmap.YamlDocument("", first_line=1).data is None


def _typed(data: object) -> object:
    """``data`` with every value's type spelled out (``True == 1``, but not here)."""
    if isinstance(data, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in data.items()])
    if isinstance(data, list | tuple | set):
        return (type(data).__name__, [_typed(item) for item in data])
    return (type(data).__name__, data)


KEYS = st.sampled_from(["id", "title", "terms", "1", "<<", "=", "yes", "~", "'q'", "? [a]"])
VALUES = st.sampled_from(
    [
        "a",
        "1",
        "0x1f",
        "1.5",
        ".nan",
        "true",
        "No",
        "~",
        "",
        "2026-01-02",
        "2026-01-02 10:00:00",
        "'quoted'",
        '"say \\"hi\\""',
        "&a [1, two]",
        "*a",
        "&m {x: 1}",
        "*m",
        "{<<: *m, y: 2}",
        "!!str 5",
        "!!int '7'",
        "!!binary aGk=",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "[x, {y: z}]",
        "{a: [b, {c: d}]}",
        ">\n  folded\n  text",
        "|\n  kept",
        "!local x",
        "[unclosed",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES, st.booleans()), min_size=1, max_size=6))
def test_yaml_data_is_what_pyyaml_builds(fields: list[tuple[str, str, bool]]) -> None:
    text = "".join(
        f"{key}:\n  - {value}\n" if as_list else f"{key}: {value}\n"
        for key, value, as_list in fields
    )
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError as error:
        with pytest.raises(yaml.YAMLError) as got:
            yamlmap.YamlDocument(text)
        assert yamlmap.yaml_error_message(got.value) == yamlmap.yaml_error_message(error)
        return
    assert _typed(yamlmap.YamlDocument(text).data) == _typed(expected)


def test_yaml_aliases_share_what_pyyaml_shares() -> None:
    doc = yamlmap.YamlDocument("a: &x [1]\nb: *x\nc: [2]\n")
    assert doc.data["a"] is doc.data["b"] and doc.data == {"a": [1], "b": [1], "c": [2]}


def test_deeply_nested_yaml_is_built_as_pyyaml_builds_it() -> None:
    text = "a: " + "[" * 2000 + "]" * 2000 + "\n"
    try:
        expected: object = yaml.safe_load(text)
    except RecursionError:
        expected = RecursionError
    try:
        got: object = yamlmap.YamlDocument(text).data
    except RecursionError:
        got = RecursionError
    assert got == expected


def test_a_bad_front_matter_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\nid: a\ntitle: [open\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(files.ContentError) as error:
        files.read_front_matter(path)
    assert error.value.problem.path == str(path) and error.value.problem.line == 3
    assert error.value.problem.message.startswith("invalid YAML:")


LESSON = """---
id: good
title: Lesson good
module: sample
order: 1
led_by: mentor
minutes: 45
objectives:
  - Learn a thing.
prompts:
  - What do you think?
activity: Do it together.
---
Body text.
"""

MODULE = "---\nid: sample\ntitle: S\norder: 1\nled_by: both\nsummary: A module.\n---\nIntro.\n"


def test_the_cache_round_trips_and_refuses_what_does_not_validate(tmp_path) -> None:
    root = tmp_path / "user" / "01-sample"
    root.mkdir(parents=True)
    (root / "_module.md").write_text(MODULE, encoding="utf-8")
    (root / "01-good.md").write_text(LESSON, encoding="utf-8")
    cache = tmp_path / "cache.json"
    first, problems = sources.load_for(tmp_path / "user", cache=cache)
    key = cached.fingerprint(sources.content_roots(tmp_path / "user"))
    hit = cached.load(cache, key)
    assert hit is not None and hit == (first, problems)
    assert cached.load(cache, "another key") is None

    data = orjson.loads(cache.read_bytes())
    data["lessons"]["good"]["minutes"] = "a while"
    cache.write_bytes(orjson.dumps(data))
    assert cached.load(cache, key) is None

    data["lessons"]["good"]["minutes"] = 45
    data["lessons"]["other"] = data["lessons"].pop("good")
    cache.write_bytes(orjson.dumps(data))
    assert cached.load(cache, key) is None


def test_the_fingerprint_changes_with_any_file_and_not_otherwise(tmp_path) -> None:
    root = tmp_path / "content"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "x.md").write_text("one", encoding="utf-8")
    roots = [(root, "user")]
    before = cached.fingerprint(roots)  # type: ignore[arg-type]
    assert cached.fingerprint(roots) == before  # type: ignore[arg-type]
    (root / "a" / "b" / "x.md").write_text("two!", encoding="utf-8")
    changed = cached.fingerprint(roots)  # type: ignore[arg-type]
    assert changed != before
    (root / "a" / "y.md").write_text("new", encoding="utf-8")
    assert cached.fingerprint(roots) != changed  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "body_line"),
    [
        ('---\nid: a\ntitle: "one\u2028two"\n---\nFirst body line.\nSecond.\n', 5),
        ('---\nid: a\ntitle: "one\x85two"\n---\n\n\nFirst body line.\nSecond.\n', 7),
        ("---\r\nid: a\r\ntitle: x\r\n---\r\n\r\nFirst body line.\r\nSecond.\r\n", 6),
        ("---\rid: a\rtitle: x\r---\rFirst body line.\rSecond.\r", 5),
    ],
)
def test_the_body_starts_after_the_front_matter_whatever_the_line_breaks(
    tmp_path, text: str, body_line: int
) -> None:
    """Lines are counted as markdown-it counts them, not as ``str.splitlines`` does.

    A U+2028 or NEL inside a front-matter value made the body begin a line early,
    with the closing ``---`` (which then showed in the lesson).
    """
    path = tmp_path / "lesson.md"
    path.write_text(text, encoding="utf-8", newline="")
    read = files.read_front_matter(path)
    assert read.body.startswith("First body line.") and read.body.endswith("Second.")
    assert read.body_line == body_line
    assert files.source_lines(text)[body_line - 1] == "First body line."


def test_a_bad_link_is_named_at_its_line_after_a_u2028(tmp_path) -> None:
    from companion.curriculum.loader import load_curriculum

    root = tmp_path / "user" / "01-sample"
    root.mkdir(parents=True)
    (root / "_module.md").write_text(MODULE, encoding="utf-8")
    body = "A line with a\u2028separator.\nSee [this](lesson:nowhere).\n"
    (root / "01-good.md").write_text(LESSON.replace("Body text.\n", body), encoding="utf-8")
    _, problems = load_curriculum([(tmp_path / "user", "user")])
    lines = LESSON.replace("Body text.\n", body).split("\n")
    expected = lines.index("See [this](lesson:nowhere).") + 1
    assert [(p.line, p.message) for p in problems if "nowhere" in p.message] == [
        (expected, "link to unknown lesson 'nowhere'")
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES, st.booleans()), min_size=1, max_size=6), st.integers(0, 3))
def test_item_lines_are_line_of_each_item(fields: list[tuple[str, str, bool]], count: int) -> None:
    text = "".join(
        f"{key}:\n  - {value}\n  - x\n" if as_list else f"{key}: {value}\n"
        for key, value, as_list in fields
    )
    try:
        doc = yamlmap.YamlDocument(text, first_line=4)
    except yaml.YAMLError:
        return
    for key in {key for key, _, _ in fields}:
        expected = [doc.line_of((key, index)) for index in range(count)]
        assert doc.item_lines(key, count) == expected
