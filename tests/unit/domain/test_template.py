"""Template rules at save time, versions on change, no version on a no-op, preview."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from notify.domain.constants import LetterLanguage, TemplateType
from notify.domain.errors import InvalidRequest, ValidationFailed
from notify.domain.template import Template, new_template

from ...fakes import T0

T1 = T0 + timedelta(minutes=1)


def make(kind: TemplateType = TemplateType.SMS, **details: object) -> Template:
    values: dict[str, object] = {"name": "T", "content": "Hi ((name))"}
    if kind is not TemplateType.SMS:
        values["subject"] = "About ((ref))"
    values.update(details)
    return new_template(id=uuid4(), service_id=uuid4(), template_type=kind, created_by=uuid4(), now=T0,
                        **values)  # type: ignore[arg-type]


def test_a_new_template_is_version_one() -> None:
    template = make()
    assert (template.version, template.created_at, template.updated_at) == (1, T0, None)


def test_sms_templates_have_no_subject() -> None:
    assert make(subject="ignored").subject is None


def test_letters_default_to_second_class_in_english() -> None:
    letter = make(TemplateType.LETTER)
    assert (letter.postage, letter.letter_languages) == ("second", LetterLanguage.ENGLISH)


@pytest.mark.parametrize("kind", [TemplateType.EMAIL, TemplateType.LETTER])
def test_email_and_letter_need_a_subject(kind: TemplateType) -> None:
    with pytest.raises(ValidationFailed) as refused:
        make(kind, subject="  ")
    assert list(refused.value.errors) == ["subject"]


def test_sms_limit_counts_raw_content() -> None:
    make(content="((x))" * 183 + "abc")  # 918 characters, placeholders counted literally
    with pytest.raises(ValidationFailed) as refused:
        make(content="a" * 919)
    assert refused.value.errors == {"content": ["Content has a character count greater than the limit of 918"]}


def test_email_limit_is_two_million_bytes() -> None:
    make(TemplateType.EMAIL, content="a" * 2_000_000)
    with pytest.raises(ValidationFailed):
        make(TemplateType.EMAIL, content="a" * 2_000_001)


def test_letter_fields_are_for_letters_only() -> None:
    with pytest.raises(ValidationFailed) as refused:
        make(postage="first", letter_welsh_content="x")
    assert set(refused.value.errors) == {"postage", "letter_welsh_content"}


def test_unsubscribe_links_are_for_email_only() -> None:
    assert make(TemplateType.EMAIL, has_unsubscribe_link=True).has_unsubscribe_link
    with pytest.raises(ValidationFailed):
        make(has_unsubscribe_link=True)


def test_welsh_letters_need_welsh_text() -> None:
    with pytest.raises(ValidationFailed) as refused:
        make(TemplateType.LETTER, letter_languages=LetterLanguage.WELSH_THEN_ENGLISH, letter_welsh_subject="P")
    assert list(refused.value.errors) == ["letter_welsh_content"]


def test_a_change_is_a_new_version_by_its_author() -> None:
    template = make()
    editor = uuid4()
    updated = template.update(now=T1, by=editor, content="Hello ((name))")
    assert (updated.version, updated.updated_at, updated.created_by, updated.created_at) == (2, T1, editor, T0)
    assert template.version == 1  # the old version is untouched


def test_an_update_that_changes_nothing_is_the_same_object() -> None:
    template = make()
    assert template.update(now=T1, content=template.content, name=template.name) is template


def test_updates_are_checked() -> None:
    with pytest.raises(ValidationFailed):
        make().update(now=T1, content="a" * 919)
    with pytest.raises(ValidationFailed):
        make().update(now=T1, id=uuid4())


def test_switching_a_letter_to_english_drops_the_welsh() -> None:
    letter = make(TemplateType.LETTER, letter_languages=LetterLanguage.WELSH_THEN_ENGLISH,
                  letter_welsh_subject="P", letter_welsh_content="C")
    english = letter.update(now=T1, letter_languages=LetterLanguage.ENGLISH)
    assert (english.letter_welsh_subject, english.letter_welsh_content) == (None, None)


def test_placeholders_cover_subject_content_and_welsh_once() -> None:
    letter = make(TemplateType.LETTER, subject="((Ref))", content="((name)) ((ref))",
                  letter_languages=LetterLanguage.WELSH_THEN_ENGLISH,
                  letter_welsh_subject="((enw))", letter_welsh_content="((NAME))")
    assert letter.placeholder_names() == ["Ref", "name", "enw"]


def test_preview_fills_in_or_names_what_is_missing() -> None:
    email = make(TemplateType.EMAIL)
    assert email.preview({"name": "Jo", "REF": 7}) == ("Hi Jo", "About 7")
    with pytest.raises(InvalidRequest) as refused:
        email.preview({"name": "Jo"})
    assert (refused.value.message, refused.value.field) == ("Missing personalisation: ref", "template")
