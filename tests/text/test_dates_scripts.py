"""Dates in the region's forms: the digits of every script, month names of dateparser's locales, the Solar Hijri
calendar and the Thai Buddhist era, Chinese, Japanese and Korean dates, relative dates in many languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsprep.tasks.text.dates import date_spans, is_date_line, jalali_to_gregorian, relative_info

NOW = datetime(2025, 2, 12, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("۱۲ فروری ۲۰۲۵", "2025-02-12T00:00"),  # Urdu, Eastern Arabic-Indic (Persian) digits
        ("الأربعاء ١٢ فبراير ٢٠٢٥", "2025-02-12T00:00"),  # Arabic, Arabic-Indic digits
        ("۱۲ فبروري ۲۰۲۵", "2025-02-12T00:00"),  # Pashto
        ("१२ फ़रवरी २०२५, १०:३०", "2025-02-12T10:30"),  # Hindi, Devanagari digits
        ("১২ ফেব্রুয়ারি ২০২৫", "2025-02-12T00:00"),  # Bengali
        ("12 февраля 2025, 10:30", "2025-02-12T10:30"),  # Russian
        ("2025年2月12日 10時30分", "2025-02-12T10:30"),  # Japanese
        ("2025年2月12日", "2025-02-12T00:00"),  # Chinese
        ("2025년 2월 12일 10:30", "2025-02-12T10:30"),  # Korean
        ("12 ก.พ. 2568", "2025-02-12T00:00"),  # Thai, Buddhist era
        ("۲۴ بهمن ۱۴۰۳", "2025-02-12T00:00"),  # Persian, Solar Hijri
        ("۲۴ دلو ۱۴۰۳", "2025-02-12T00:00"),  # Dari month names (Afghanistan)
        ("12 May 2024", "2024-05-12T00:00"),  # the curated languages as before
    ],
)
def test_absolute_dates_in_the_regions_forms(text: str, when: str) -> None:
    spans = date_spans(text)
    assert [span[2].isoformat(timespec="minutes") for span in spans] == [when + "+00:00"]
    assert is_date_line(text)


def test_solar_hijri_new_years_days() -> None:
    assert jalali_to_gregorian(1404, 1, 1) == (2025, 3, 21)
    assert jalali_to_gregorian(1403, 1, 1) == (2024, 3, 20)
    assert jalali_to_gregorian(1399, 12, 30) == (2021, 3, 20)  # a leap year's last day


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("2 گھنٹے پہلے", 2),  # Urdu
        ("۲ ساعت پیش", 2),  # Persian
        ("منذ ساعتين", 2),  # Arabic: "two hours" is one word
        ("منذ 3 ساعات", 3),
        ("قبل ٣ ساعات", 3),
        ("2 घंटे पहले", 2),  # Hindi
        ("২ ঘণ্টা আগে", 2),  # Bengali
        ("2 часа назад", 2),  # Russian
        ("2小时前", 2),  # Chinese
        ("2時間前", 2),  # Japanese
        ("2시간 전", 2),  # Korean
        ("3 saat önce", 3),  # Turkish
    ],
)
def test_relative_dates_in_many_languages(text: str, hours: int) -> None:
    when, precision = relative_info(text, NOW)
    assert (NOW - when).total_seconds() == hours * 3600 and precision == "hour"
    assert is_date_line(text)


def test_yesterday_in_words_but_not_a_word_of_a_sentence() -> None:
    assert relative_info("أمس", NOW)[0].date().isoformat() == "2025-02-11"
    assert relative_info("昨天 10:30", NOW)[0].date().isoformat() == "2025-02-11"
    # "اليوم" (today) opening a sentence, "Today" in a name, "Leo" (Swahili "today") as a name: no dates
    assert relative_info("اليوم يعلن الوزير عن خطة جديدة للتعليم في البلاد", NOW) is None
    assert relative_info("Plant Care Today", NOW) is None
    assert relative_info("Nummer zwei: Leo", NOW) is None
    # Danish "for 2 h" (2 h ago) reads as English "for 2 h": not a date
    assert relative_info("Bake for 2 h", NOW) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("බ්‍රහස්පතින්දා, පෙබරවාරි 27, 2025 - 08:45", "2025-02-27"),  # Sinhala, month first
        ("ဖေဖော်ဝါရီ ၂၇၊ ၂၀၂၅", "2025-02-27"),  # Burmese, month first, its own digits and comma
        ("ថ្ងៃព្រហស្បតិ៍ ទី២៧ ខែកុម្ភៈ ឆ្នាំ២០២៥", "2025-02-27"),  # Khmer: day, month and year particles
    ],
)
def test_month_first_dates_and_date_particles(text: str, day: str) -> None:
    assert [span[2].date().isoformat() for span in date_spans(text)] == [day]
