"""Removing web-page leftovers, and finding where reader comments start."""

from __future__ import annotations

from loaders.clean import Earlier, clean_text, split_paragraph

LEAD = "Port officials expect the new licence queue for magnet makers to clear by the end of the quarter."


def test_link_hints_are_cut_from_the_line_they_sit_in() -> None:
    text, _ = clean_text("The notice is on the agency site (opens in a new tab) and in the gazette.\n")
    assert text == "The notice is on the agency site and in the gazette.\n"


def test_a_paywall_teaser_repeating_the_lead_is_removed() -> None:
    raw = f"{LEAD}\n\nA second paragraph about freight rates.\n\nAlready a subscriber? Log in.\n\n{LEAD[:60]}...\n"
    text, _ = clean_text(raw)
    assert text == f"{LEAD}\n\nA second paragraph about freight rates.\n"


def test_short_repeated_lines_are_not_mistaken_for_a_teaser() -> None:
    text, _ = clean_text("The envoy declined.\n\nLater, asked again:\n\nThe envoy declined.\n")
    assert text.count("The envoy declined.") == 2


def test_image_leftovers_and_share_prompts_are_dropped() -> None:
    raw = (
        "Freight rates rose for a third week.\n"
        ".png)\n"
        "![chart](https://example.org/media/rates-chart.png)\n"
        "Spread the word:\n"
        "Share this article\n"
        "Carriers blamed the licence backlog.\n"
    )
    text, _ = clean_text(raw)
    assert text == "Freight rates rose for a third week.\nCarriers blamed the licence backlog.\n"


def test_a_dateline_at_the_top_is_dropped_but_not_one_further_down() -> None:
    text, _ = clean_text("Logo 29 May 2025\n\nThe quota was cut.\n\n29 May 2025\n")
    assert text == "The quota was cut.\n\n29 May 2025\n"


def test_the_reader_comment_section_is_found() -> None:
    raw = "The quota was cut by a fifth.\n\n3 Comments\n\nReader one: this will hurt smelters.\n"
    text, comment_start = clean_text(raw)
    assert text[:comment_start].strip() == "The quota was cut by a fifth."
    assert text[comment_start:].startswith("3 Comments\n")
    assert "hurt smelters" in text[comment_start:]


def test_without_comments_the_comment_section_starts_at_the_end() -> None:
    text, comment_start = clean_text("The quota was cut by a fifth.\nLeave it there.\n")
    assert comment_start == len(text)


def test_a_teaser_is_found_among_many_lines_sharing_its_opening() -> None:
    opening = "The commerce ministry said on Monday that "
    lines = [f"{opening}licence number {i} had been granted to a smelter in Baotou." for i in range(3_000)]
    raw = "\n".join([*lines, f"{lines[-1][:70]}..."]) + "\n"

    text, _ = clean_text(raw)

    assert text == "\n".join(lines) + "\n"


def test_cleaning_compares_each_line_with_a_bounded_number_of_earlier_ones() -> None:
    """What keeps cleaning linear: earlier lines are indexed by their opening, a bounded number of each."""
    earlier = Earlier(min_chars=40, candidates=64)
    opening = "x" * 40
    for i in range(10_000):
        earlier.add(f"{opening} line {i}")

    assert [len(kept) for kept in earlier.by_opening.values()] == [64]
    assert earlier.repeats(f"{opening} line 9999")
    assert not earlier.repeats(f"{opening} line 12")  # too far back to be a teaser of what it repeats


def test_a_paragraph_of_a_million_characters_is_broken_at_sentence_ends() -> None:
    sentence = "The ministry extended the licence regime to seven more elements. "
    raw = sentence * 20_000  # 1.3 million characters, one line

    text, comment_start = clean_text(raw)

    paragraphs = text.splitlines()
    assert len(raw) > 1_000_000
    assert max(len(p) for p in paragraphs) <= 20_000
    assert all(p.endswith("elements.") for p in paragraphs)
    assert text.split() == raw.split()
    assert comment_start == len(text)


def test_a_paragraph_without_sentence_ends_is_broken_at_spaces_else_anywhere() -> None:
    assert split_paragraph("aaa bbb ccc ddd", 8) == ["aaa bbb", "ccc ddd"]
    assert split_paragraph("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_paragraph("short", 10) == ["short"]
