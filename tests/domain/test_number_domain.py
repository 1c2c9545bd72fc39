"""The bounded number domain and text hygiene, stated once and quick for any input."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from cchc_desktop.domain.number_domain import (
    logged_text,
    number_problem,
    parse_number,
    plain_text,
    revision_problem,
    stored_number,
    target_problem,
)
from cchc_desktop.domain.text_hygiene import TextProblem, clean_name, clean_narrative, shown


@pytest.mark.parametrize("text", [
    "0", "15400", "2987.455", "100", "999999999999999", "0.000000000000001", "123456789.012345",
    "1.5e3", "-2.5"])
def test_numbers_inside_the_domain(text: str) -> None:
    assert number_problem(parse_number(text)) is None


@pytest.mark.parametrize("text", [
    "1e999999999", "1e-999999999", "1e309", "NaN", "sNaN", "Infinity", "-inf", "1" * 16,
    "1000000000000000", "0.0000000000000001", "1234567890.1234567", "7" * 5000, "0x10", "",
    "1_000", " ", "١٢٣"])
def test_numbers_outside_the_domain_are_refused_quickly(text: str) -> None:
    start = time.monotonic()
    with pytest.raises(ValueError):
        parse_number(text)
    assert time.monotonic() - start < 0.5


def test_checks_never_compute_with_an_unchecked_exponent() -> None:
    start = time.monotonic()
    for value in (Decimal("1e999999999"), Decimal("-1e-999999999"), Decimal("9" * 100000)):
        assert number_problem(value) is not None
        assert target_problem(value) is not None
        assert logged_text(value)
        with pytest.raises(ValueError):
            plain_text(value)
    assert time.monotonic() - start < 1


def test_plain_text_and_stored_numbers() -> None:
    assert plain_text(Decimal("1.5E+3")) == "1500"
    assert plain_text(Decimal("-0")) == "0"
    assert plain_text(Decimal("2.500")) == "2.5"
    assert stored_number("2987.455") == Decimal("2987.455")
    assert stored_number("không phải số").is_nan()
    assert stored_number("9" * 5000).is_nan()


@pytest.mark.parametrize(("value", "problem"), [
    (0, None), (9999, None), (-1, "0 đến 9999"), (10000, "0 đến 9999"), (10 ** 20, "0 đến 9999"),
    (True, "số nguyên"), (1.0, "số nguyên"), ("1", "số nguyên")])
def test_revision_is_a_small_whole_number(value: object, problem: str | None) -> None:
    found = revision_problem(value)
    assert (found is None) if problem is None else (found is not None and problem in found)


@pytest.mark.parametrize("text", [
    "Xã\u200b", "Xã\u202e", "Xã\u2066", "Xã\u200e", "Xã\u061c", "Xã\ufeff", "Xã\u0000", "Xã\t",
    "Xã\n", "Xã\u00ad", "Xã\u2028", "Xã\ud800"])
def test_names_refuse_hidden_characters(text: str) -> None:
    with pytest.raises(TextProblem):
        clean_name(text)


def test_names_and_narrative_come_out_in_nfc() -> None:
    assert clean_name("Xa\u0303 My\u0303 An") == "Xã Mỹ An"
    assert clean_narrative("Ke\u0302\u0301t qua\u0309\u0000\u200b\u202e\n\tho\u0300a") == \
        "Kết quả\n\thòa"
    with pytest.raises(TextProblem):
        clean_narrative("nửa \udc80")


def test_shown_spells_out_what_is_hidden() -> None:
    assert shown("Xã\u200bA") == "Xã<U+200B>A"
    assert shown("x" * 100).endswith("…") and len(shown("x" * 100)) == 61
