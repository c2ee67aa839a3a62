"""Notify's placeholder rules: ((name)), optional ((name??text)), insensitive names, missing detection."""

from __future__ import annotations

import pytest

from notify.domain import placeholders


def test_names_lists_each_placeholder_once_in_order() -> None:
    assert placeholders.names("Hi ((name)), your ((code)) for ((NAME))") == ["name", "code"]


def test_names_strips_whitespace_and_takes_the_name_of_optional_placeholders() -> None:
    assert placeholders.names("(( first name )) ((show??Extra text))") == ["first name", "show"]


def test_names_of_empty_or_none_text_is_empty() -> None:
    assert placeholders.names("") == []
    assert placeholders.names(None) == []


@pytest.mark.parametrize("text", ["(name)", "((na(me))", "(())", "((  ))", "(name))"])
def test_things_that_are_not_placeholders(text: str) -> None:
    assert placeholders.names(text) == []


def test_triple_brackets_hold_a_placeholder() -> None:
    assert placeholders.names("(((name)))") == ["name"]
    assert placeholders.render("(((name)))", {"name": "Jo"}) == "(Jo)"


def test_template_names_lists_subject_first_without_duplicates() -> None:
    assert placeholders.template_names("((body)) ((Ref))", "About ((ref))") == ["ref", "body"]
    assert placeholders.template_names("((a))") == ["a"]


@pytest.mark.parametrize("given", ["first name", "First_Name", "FIRST-NAME", "firstname", " first  name "])
def test_names_match_ignoring_case_whitespace_underscores_and_hyphens(given: str) -> None:
    assert placeholders.render("Hi ((First Name))", {given: "Jo"}) == "Hi Jo"
    assert placeholders.missing("Hi ((First Name))", {given: "Jo"}) == []


def test_key_normalises_names() -> None:
    assert placeholders.key(" First_Name-x ") == "firstnamex"


def test_missing_lists_absent_and_none_values() -> None:
    text = "((a)) ((b)) ((c)) ((d??yes))"
    assert placeholders.missing(text, {"a": "1", "b": None}) == ["b", "c", "d"]


def test_empty_string_is_a_value_not_missing() -> None:
    assert placeholders.missing("((a))", {"a": ""}) == []
    assert placeholders.render("x((a))y", {"a": ""}) == "xy"


def test_render_replaces_given_values_and_leaves_missing_ones() -> None:
    assert placeholders.render("((a)) and ((b))", {"a": "one"}) == "one and ((b))"


def test_render_converts_values_to_text() -> None:
    assert placeholders.render("((n)) items", {"n": 3}) == "3 items"


@pytest.mark.parametrize("value", ["yes", "Y", "TRUE", "t", "1", "include", "Show", True, 1])
def test_optional_text_is_shown_for_truthy_values(value: object) -> None:
    assert placeholders.render("Hi.((extra?? More text.))", {"extra": value}) == "Hi. More text."


@pytest.mark.parametrize("value", ["no", "false", "0", "", "maybe", False, 0])
def test_optional_text_is_hidden_otherwise(value: object) -> None:
    assert placeholders.render("Hi.((extra?? More text.))", {"extra": value}) == "Hi."


def test_optional_text_may_itself_contain_question_marks() -> None:
    assert placeholders.render("((q??Why??))", {"q": "yes"}) == "Why??"


def test_render_does_not_recurse_into_values() -> None:
    assert placeholders.render("((a))", {"a": "((b))", "b": "no"}) == "((b))"


def test_render_leaves_the_inputs_alone() -> None:
    values = {"a": "1"}
    placeholders.render("((a))", values)
    assert values == {"a": "1"}
