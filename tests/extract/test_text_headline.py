"""The headline ranker of the text mode: menus, repeated titles and furniture around the headline."""

from __future__ import annotations

from newsdesk.extract.text import extract_text
from newsdesk.extract.text_headline import FEATURES, WEIGHTS

BODY = "\n\n".join(["Heavy rain and wind battered the coast overnight, and officials closed three roads on Tuesday."
                    " Crews worked through the night to clear fallen trees from the harbour road."] * 4)


def test_every_feature_has_a_weight() -> None:
    assert set(WEIGHTS) == set(FEATURES)


def test_headline_after_a_long_menu_is_the_line_over_the_byline() -> None:
    menu = "\n".join(["Home", "World", "Business", "Climate", "Sport", "Culture", "Newsletters", "Podcasts"])
    text = f"{menu}\nStorm closes coast roads overnight\nBy Ann Lee\nMarch 12, 2024\n\n{BODY}"
    article = extract_text(text)
    assert article.headline == "Storm closes coast roads overnight"
    assert article.authors == ["Ann Lee"]


def test_headline_that_shares_the_leads_words_beats_a_promo_line_nearer_the_body() -> None:
    text = ("Storm batters coast roads and harbour\nSubscribe for unlimited access today\n\n" + BODY)
    assert extract_text(text).headline == "Storm batters coast roads and harbour"


def test_a_time_alone_is_never_the_headline() -> None:
    text = f"Storm batters coast roads and harbour\nAnn Lee\nMarch 12, 2024\n5:50 am\n\n{BODY}"
    article = extract_text(text)
    assert article.headline == "Storm batters coast roads and harbour"


def test_repeated_headline_keeps_the_standfirst_under_its_first_showing() -> None:
    standfirst = "Three roads stay closed after the storm, and crews expect to clear them by the weekend."
    text = f"NEWS\nStorm closes coast roads\n{standfirst}\nStorm closes coast roads\nMarch 12, 2024\n\n{BODY}"
    article = extract_text(text)
    assert article.headline == "Storm closes coast roads"
    assert article.standfirst == standfirst


def test_a_kicker_glued_to_its_title_gets_its_colon_back_from_another_showing() -> None:
    # Copying joins "<span>Storm season</span><span>Coast roads close</span>" without the colon the
    # page title keeps.
    text = ("Storm season: Coast roads close overnight\nHome\nNEWS\nStorm season Coast roads close overnight\n"
            f"By Ann Lee\nMarch 12, 2024\n\n{BODY}")
    assert extract_text(text).headline == "Storm season: Coast roads close overnight"


def test_a_site_name_after_a_bar_is_not_part_of_the_headline() -> None:
    text = f"Storm closes coast roads overnight | The Herald\nBy Ann Lee\nMarch 12, 2024\n\n{BODY}"
    assert extract_text(text).headline == "Storm closes coast roads overnight"


def test_a_headline_whose_bar_joins_two_long_halves_is_kept_whole() -> None:
    text = f"Storm closes coast roads | Crews expect to clear them by the weekend\nBy Ann Lee\n\n{BODY}"
    assert extract_text(text).headline == "Storm closes coast roads | Crews expect to clear them by the weekend"


def test_a_question_headline_that_opens_the_body_run_is_found_and_leaves_the_body() -> None:
    menu = "\n".join(["Home", "Membership", "Sponsorship Opportunities", "Strategic Partnerships", "Search"])
    # A question of more than ten words reads as prose to the classifier and opens the body run.
    question = "Why did heavy rain close all of the coast roads overnight, and when will they open?"
    text = f"{menu}\nDismiss notification\n{question}\n\n{BODY}"
    article = extract_text(text)
    assert article.headline == question
    assert all(question not in block.text for block in article.body)
    assert len(article.body) == 4


def test_a_line_introducing_a_table_is_not_taken_for_the_headline() -> None:
    text = (f"Storm closes coast roads overnight\nMarch 12, 2024\nRoads closed after the storm, by county:\n"
            f"Harbour | 3\nRiver | 2\nHill | 1\n\n{BODY}")
    assert extract_text(text).headline == "Storm closes coast roads overnight"


def test_a_label_ending_with_a_colon_is_never_the_headline() -> None:
    text = ("Storm closes coast roads overnight\nThree roads stay shut while crews clear the fallen trees.\n"
            "Share\nAuthor of the article:\nBy Ann Lee\nMarch 12, 2024\nArticle content\n\n" + BODY)
    assert extract_text(text).headline == "Storm closes coast roads overnight"


def test_a_breadcrumb_that_ends_with_the_headline_is_not_the_headline() -> None:
    text = (f"Home > News > Storm closes coast roads overnight\nNEWS\nStorm closes coast roads overnight\n"
            f"March 12, 2024\n\n{BODY}")
    assert extract_text(text).headline == "Storm closes coast roads overnight"


def test_a_photo_credit_under_the_byline_is_not_the_headline() -> None:
    text = (f"Storm closes coast roads\nBy Ann Lee\nMarch 12, 2024\n"
            f"Harbour road and coast wall, Image: Reuters / Jo Roe\n\n{BODY}")
    assert extract_text(text).headline == "Storm closes coast roads"


def test_a_subheading_that_echoes_the_headline_further_down_does_not_win() -> None:
    text = (f"Storm closes coast roads overnight\nBy Ann Lee\nMarch 12, 2024\n\nWhy the storm closed the coast roads"
            f"\n\n{BODY}")
    assert extract_text(text).headline == "Storm closes coast roads overnight"


def test_the_ranker_sees_breadcrumbs_credits_and_lines_that_echo_an_earlier_one() -> None:
    from collections import Counter

    from newsdesk.extract.text_classify import read_lines
    from newsdesk.extract.text_headline import candidates

    header = read_lines("Home > News > Storm closes coast roads\nStorm closes coast roads\nBy Ann Lee\n"
                        "The harbour wall at dawn (Image credit: Coast Guard)\nWhy the storm closed the coast roads")
    found = {header[position].text: values for position, values in candidates(header, Counter(),
                                                                               {"storm", "coast", "roads"}, set())}
    crumb, headline = found["Home > News > Storm closes coast roads"], found["Storm closes coast roads"]
    assert crumb["breadcrumb"] == crumb["holds_other"] == 1.0 and headline["held_by_other"] == 1.0
    assert found["The harbour wall at dawn (Image credit: Coast Guard)"]["credit_words"] == 1.0
    assert found["Why the storm closed the coast roads"]["echoes_above"] == 1.0
    assert crumb["first_on_topic"] == 1.0 and headline["first_on_topic"] == 0.0


def test_chinese_and_japanese_lines_share_words_by_pairs_of_characters() -> None:
    from newsdesk.extract.text_headline import content_words

    assert {"増税", "首相"} <= content_words("首相、消費税の増税を表明")
