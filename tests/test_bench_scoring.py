"""The extraction benchmark's metrics on small hand-made texts, with hand-computed expected values.

The benchmark itself (benchmarks/extraction.py over the shared datasets) is not run here.
"""

from __future__ import annotations

import pytest

from benchmarks import scoring
from benchmarks.extraction import Page, ToolRun, Truth, run_tools, score_scrapinghub, score_wcxb
from benchmarks.peers import Prediction, Tool, html_to_text

TRUTH_BODY = "The coalition will end its mission in Iraq by September 2025."


# --------------------------------------------------------------------------- scrapinghub: tokens, shingles


def test_scrapinghub_tokens_keep_case_and_split_on_non_word_characters() -> None:
    assert scoring.case_kept_tokens("Don't STOP—the U.S. isn't 3.5% done") == [
        "Don", "t", "STOP", "the", "U", "S", "isn", "t", "3", "5", "done",
    ]  # fmt: skip


def test_shingles_of_a_text_are_its_overlapping_four_token_windows() -> None:
    assert scoring.shingles("Troops will leave Iraq next year") == {
        ("Troops", "will", "leave", "Iraq"): 1,
        ("will", "leave", "Iraq", "next"): 1,
        ("leave", "Iraq", "next", "year"): 1,
    }


def test_a_text_shorter_than_four_tokens_is_one_short_shingle_and_an_empty_text_has_none() -> None:
    assert scoring.shingles("Breaking news") == {("Breaking", "news"): 1}
    assert scoring.shingles("") == {}
    assert scoring.shingles(None) == {}
    assert scoring.shingles(" — ... ") == {}


def test_repeated_text_gives_repeated_shingles() -> None:
    assert scoring.shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }


# --------------------------------------------------------------------------- scrapinghub: one page


def test_a_prediction_missing_the_last_sentence_loses_recall_only() -> None:
    # truth: 3 shingles; prediction: the first 2 of them -> TP 2, FP 0, FN 1, normalised by 3.
    counts = scoring.shingle_counts("the quick brown fox jumps over", "the quick brown fox jumps")
    assert counts == scoring.ShingleCounts(tp=pytest.approx(2 / 3), fp=0.0, fn=pytest.approx(1 / 3))
    assert counts.precision == 1.0
    assert counts.recall == pytest.approx(2 / 3)


def test_a_prediction_with_a_leading_menu_word_loses_precision_only() -> None:
    # prediction shingles: (menu a b c), (a b c d), (b c d e) -> TP 2, FP 1, FN 0.
    counts = scoring.shingle_counts("a b c d e", "menu a b c d e")
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == 1.0


def test_the_scrapinghub_metric_is_case_sensitive() -> None:
    counts = scoring.shingle_counts("The Cat Sat Down", "the cat sat down")
    assert (counts.tp, counts.fp, counts.fn) == (0.0, 0.5, 0.5)
    assert counts.precision == 0.0
    assert counts.recall == 0.0


def test_short_texts_match_only_when_their_whole_token_lists_match() -> None:
    assert scoring.shingle_counts("Hello world", "Hello world").precision == 1.0
    # The one 3-token shingle of the prediction differs from the one 2-token shingle of the truth.
    mismatch = scoring.shingle_counts("Hello world", "Hello world again")
    assert (mismatch.precision, mismatch.recall) == (0.0, 0.0)


def test_a_duplicated_body_counts_the_extra_copy_as_false_positives() -> None:
    # truth (a b c d); prediction (a b c d) x2, (b c d a), (c d a b), (d a b c) -> TP 1, FP 4, FN 0.
    counts = scoring.shingle_counts("a b c d", "a b c d a b c d")
    assert counts.precision == pytest.approx(1 / 5)
    assert counts.recall == 1.0


def test_an_empty_prediction_has_no_precision_and_zero_recall() -> None:
    counts = scoring.shingle_counts(TRUTH_BODY, "")
    assert counts.precision is None
    assert counts.recall == 0.0


def test_empty_truth_and_empty_prediction_drop_out_of_both_averages() -> None:
    counts = scoring.shingle_counts("", "")
    assert (counts.tp, counts.fp, counts.fn) == (0.0, 0.0, 0.0)
    assert counts.precision is None
    assert counts.recall is None


def test_prediction_without_truth_has_zero_precision_and_no_recall() -> None:
    counts = scoring.shingle_counts("", "Subscribe to our newsletter today")
    assert counts.precision == 0.0
    assert counts.recall is None


# --------------------------------------------------------------------------- scrapinghub: averages


def test_precision_and_recall_are_averaged_over_the_pages_that_define_them() -> None:
    pages = [
        scoring.shingle_counts("the quick brown fox jumps over", "the quick brown fox jumps"),  # P 1, R 2/3
        scoring.shingle_counts(TRUTH_BODY, ""),  # P undefined, R 0
        scoring.shingle_counts("", ""),  # neither
    ]
    score = scoring.shingle_score(pages)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(1 / 3)
    # F1 is the harmonic mean of the averages: 2 * 1 * (1/3) / (4/3).
    assert score.f1 == pytest.approx(0.5)


def test_a_perfect_page_counts_one_for_both() -> None:
    score = scoring.shingle_score([scoring.shingle_counts(TRUTH_BODY, TRUTH_BODY)])
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_all_predictions_empty_scores_zero_instead_of_failing() -> None:
    score = scoring.shingle_score([scoring.shingle_counts(TRUTH_BODY, ""), scoring.shingle_counts("a b", "")])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_exact_match_compares_case_kept_token_lists() -> None:
    assert scoring.exact_token_match("One, two — three.", "One two three")
    assert not scoring.exact_token_match("One, two — three.", "one two three")
    assert not scoring.exact_token_match("One two", "One two three")


# --------------------------------------------------------------------------- wcxb: body


def test_wcxb_tokens_are_lower_cased_words() -> None:
    assert scoring.lowercase_tokens("CAFÉ Society: It's ON") == ["café", "society", "it", "s", "on"]


def test_word_score_counts_the_multiset_overlap() -> None:
    score = scoring.word_score("The cat sat on the mat", "the cat sat")
    assert score.precision == 0.5  # 3 of 6 predicted words
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(2 / 3)


def test_a_repeated_word_matches_only_as_often_as_the_reference_has_it() -> None:
    score = scoring.word_score("the the the", "the cat")
    assert score.precision == pytest.approx(1 / 3)
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(0.4)


def test_word_score_edge_cases_follow_wcxb() -> None:
    assert scoring.word_score("", "") == scoring.BodyScore(1.0, 1.0, 1.0)
    assert scoring.word_score("Cookie settings", "") == scoring.BodyScore(0.0, 0.0, 0.0)
    assert scoring.word_score("", TRUTH_BODY) == scoring.BodyScore(0.0, 0.0, 0.0)
    assert scoring.word_score(" — ", TRUTH_BODY) == scoring.BodyScore(0.0, 0.0, 0.0)
    assert scoring.word_score("completely unrelated words", TRUTH_BODY).f1 == 0.0


def test_wcxb_averages_per_page_f1_not_the_f1_of_the_averages() -> None:
    pages = [scoring.BodyScore(1.0, 1.0, 1.0), scoring.BodyScore(1.0, 0.2, 1 / 3)]
    score = scoring.average_word_score(pages)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 / 3)  # the harmonic mean of 1.0 and 0.6 would be 0.75


def test_snippet_rate_is_a_case_folded_substring_share() -> None:
    text = "The Pentagon announced the deal on Tuesday.\n\nRead more: Iraq news"
    assert scoring.snippet_rate(text, ["pentagon ANNOUNCED the deal", "Sign up now", "read more"]) == (
        pytest.approx(2 / 3)
    )
    assert scoring.snippet_rate(text, []) == 1.0
    assert scoring.snippet_rate(None, ["anything"]) == 0.0


# --------------------------------------------------------------------------- metadata


def test_titles_match_after_folding_case_and_white_space_only() -> None:
    assert scoring.title_matches("  Iraq deal sets\n2026  DEADLINE ", "Iraq deal sets 2026 deadline")
    assert not scoring.title_matches("Iraq deal sets 2026 deadline | TRT World", "Iraq deal sets 2026 deadline")
    assert not scoring.title_matches(None, "Iraq deal sets 2026 deadline")
    assert not scoring.title_matches("", "")


def test_bylines_fold_every_list_separator() -> None:
    truth = "Danielle DeSiato, Donna Enzmann, and Natalie Nguyen"
    predicted = scoring.join_authors(["Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"])
    assert predicted == "Danielle DeSiato, Donna Enzmann, Natalie Nguyen"
    assert scoring.authors_match(predicted, truth)
    assert scoring.authors_match("Maria, Katerina", "Maria & Katerina")
    assert scoring.authors_match("jared newman; sam singleton", "Jared Newman and Sam Singleton")


def test_bylines_still_need_the_same_names_in_the_same_order() -> None:
    assert not scoring.authors_match("Sam Singleton, Jared Newman", "Jared Newman and Sam Singleton")
    assert not scoring.authors_match("Dylan Bailey", "Dylan Bailey, MS, RD, FAND")
    assert not scoring.authors_match("", "Andrew King")
    assert not scoring.authors_match("Andrew King", None)


def test_and_inside_a_name_is_not_a_separator() -> None:
    assert scoring.fold_authors("Alexandra Anderson and Sandy Brandt") == "alexandra anderson, sandy brandt"


def test_dates_compare_the_day_part_of_iso_values() -> None:
    assert scoring.date_matches("2025-09-30T23:10:00-05:00", "2025-09-30")
    assert not scoring.date_matches("2025-10-01T04:10:00+00:00", "2025-09-30")
    assert not scoring.date_matches("September 30, 2025", "2025-09-30")
    assert not scoring.date_matches(None, "2025-09-30")
    assert not scoring.date_matches("2025-09-30", None)


def test_a_month_only_ground_truth_date_compares_to_the_month() -> None:
    assert scoring.date_matches("2015-11-20", "2015-11")
    assert not scoring.date_matches("2015-12-01", "2015-11")


# --------------------------------------------------------------------------- benchmark scoring of a run


def _echo_tool(fields: frozenset[str] = frozenset()) -> Tool:
    return Tool("echo", "echo 1", fields, lambda html, url: html, lambda raw: Prediction(raw))


def test_score_scrapinghub_over_a_run() -> None:
    pages = [
        Page("a", None, "", Truth("the quick brown fox jumps over")),
        Page("b", None, "", Truth(TRUTH_BODY)),
    ]
    run = ToolRun("echo", {"a": Prediction("the quick brown fox jumps"), "b": Prediction("")})
    result, rows = score_scrapinghub(pages, run, _echo_tool())
    assert result.precision == 1.0  # page b has no precision
    assert result.recall == pytest.approx(1 / 3)
    assert result.f1 == pytest.approx(0.5)
    assert result.exact_accuracy == 0.0
    assert [row["f1"] for row in rows] == [pytest.approx(0.8), 0.0]  # page a: 2 * 1 * (2/3) / (5/3)


def test_score_wcxb_counts_metadata_only_over_pages_whose_truth_has_it() -> None:
    pages = [
        Page(
            "1",
            None,
            "",
            Truth("the cat sat", title="Cats", author="Ann Lee and Bo Ng", published="2025-01-02"),
        ),
        Page("2", None, "", Truth("a dog ran", title="Dogs")),
    ]
    run = ToolRun(
        "echo",
        {
            "1": Prediction("the cat sat", title="CATS", authors=["Ann Lee", "Bo Ng"], published="2025-01-02"),
            "2": Prediction("a dog ran far", title="Dogs | Pet News", authors=["Staff"]),
        },
    )
    result, rows = score_wcxb(pages, run, _echo_tool(frozenset({"title", "authors", "published"})))
    assert result.f1 == pytest.approx((1.0 + 6 / 7) / 2)  # page 2: P 3/4, R 1, F1 6/7
    title, authors, published = (result.metadata[name] for name in ("title", "authors", "published"))
    assert (title.correct, title.labelled, title.accuracy) == (1, 2, 0.5)
    assert (authors.correct, authors.labelled, authors.accuracy) == (1, 1, 1.0)
    assert authors.all_pages == 0.5  # page 2 has no author but the tool gave one
    assert (published.correct, published.labelled, published.all_pages) == (1, 1, 1.0)
    assert rows[1]["authors_ok"] is None


def test_score_wcxb_leaves_out_fields_a_tool_does_not_report() -> None:
    pages = [Page("1", None, "", Truth("the cat sat", title="Cats"))]
    result, _ = score_wcxb(pages, ToolRun("echo", {"1": Prediction("the cat sat")}), _echo_tool())
    assert result.metadata == {}


def test_a_tool_that_raises_scores_an_empty_prediction_and_is_counted() -> None:
    def extract(html: str, url: str | None) -> str:
        if "boom" in html:
            raise ValueError("cannot parse")
        return html

    tool = Tool("fragile", "fragile 1", frozenset(), extract, lambda raw: Prediction(raw))
    pages = [Page("ok", None, "the cat sat", Truth("the cat sat")), Page("bad", None, "boom", Truth("a b"))]
    runs = run_tools(pages, [tool])
    assert runs["fragile"].errors == {"bad": "ValueError: cannot parse"}
    assert runs["fragile"].predictions["bad"] == Prediction()
    result, _ = score_wcxb(pages, runs["fragile"], tool)
    assert (result.errors, result.f1) == (1, 0.5)


# --------------------------------------------------------------------------- readability's HTML as text


def test_html_to_text_puts_blank_lines_between_blocks_and_keeps_inline_words_whole() -> None:
    html = (
        "<div><h2>Deal reached</h2><p>Troops <b>leave</b> by 20<i>26</i>.</p>"
        "<script>track()</script><ul><li>Baghdad</li><li>Erbil<br>Kurdistan</li></ul></div>"
    )
    assert html_to_text(html) == "Deal reached\n\nTroops leave by 2026.\n\nBaghdad\n\nErbil\n\nKurdistan"


def test_html_to_text_of_nothing_is_empty() -> None:
    assert html_to_text("") == ""
    assert html_to_text("<div> <span> </span></div>") == ""
