"""The line classifier of the text mode: what it adds to the rules' body, and what it never touches."""

from __future__ import annotations

import re
from pathlib import Path

from newsdesk.extract.text import extract_text
from newsdesk.extract.text_classify import read_lines
from newsdesk.extract.text_line_model import (
    N_FEATURES,
    addable,
    body_chances,
    line_features,
    rules_kept,
    with_added_lines,
)
from newsdesk.extract.text_line_weights import WEIGHTS
from newsdesk.model import Block

PARAGRAPHS = [
    "Engineers spent the winter moving the service to a new database, and the team learned a great deal about how"
    " queries behave under load.",
    "The first step was to measure what the slow queries actually did, so the team turned on the planner's own"
    " report for every request.",
    "Once the numbers were in, the fix was an index on the column every filter used, which the team added in a"
    " single migration.",
    "After the change, the slowest page loaded in a tenth of the time, and the database's processor stayed cool"
    " even at the evening peak.",
    "The team now reviews every new query against the planner's report before it ships, a habit that has already"
    " caught two regressions.",
]
CODE = ["CREATE INDEX idx_orders_user ON orders(user_id);", "SELECT * FROM orders WHERE user_id = 123;",
        "EXPLAIN ANALYZE SELECT count(*) FROM orders;"]
MENU = "\n".join(["Home", "Products", "Pricing", "Blog", "Sign in"])
TEASERS = "Share\nMore from the blog\nWhy we moved to a new queue\nHow our team works remotely\n"
PAGE = (f"{MENU}\n\nHow we made our slowest page ten times faster\n\nBy Ann Lee\nMarch 12, 2024\n\n"
        + "\n\n".join(PARAGRAPHS[:3]) + "\n\n" + "\n".join(CODE) + "\n\n" + "\n\n".join(PARAGRAPHS[3:])
        + f"\n\n{TEASERS}")


def test_weights_cover_every_feature() -> None:
    assert len(WEIGHTS) == N_FEATURES
    assert line_features(read_lines(PAGE), [False] * len(read_lines(PAGE))).shape[1] == N_FEATURES


def test_code_lines_between_paragraphs_join_the_body_where_they_sit() -> None:
    rules = [b.text for b in extract_text(PAGE, learned=False).body]
    # The rules keep the last code line, as a heading over the prose under it, and drop the others.
    assert not any(line in rules for line in CODE[:2])
    body = [b.text for b in extract_text(PAGE).body]
    assert body[3:6] == CODE
    assert body[:3] == PARAGRAPHS[:3] and body[-2:] == PARAGRAPHS[3:]


def test_menu_teasers_and_header_stay_out() -> None:
    article = extract_text(PAGE)
    texts = {b.text for b in article.body}
    for line in ["Home", "Pricing", "Why we moved to a new queue", "More from the blog", "By Ann Lee", "Share"]:
        assert line not in texts
    assert article.headline == "How we made our slowest page ten times faster"
    assert article.authors == ["Ann Lee"]


def test_only_text_the_rules_left_out_is_judged() -> None:
    lines = read_lines("Advertisement\nx = compute(y)\nRain fell all night.\nMost read\nA headline here")
    judged = addable(lines, [False, False, True, False, False])
    # An interface marker, a line the rules kept, a widget label and a list of other stories: never judged.
    assert judged == [False, True, False, False, False]


def test_nothing_past_a_widget_label_under_the_story_is_judged() -> None:
    # Another story's summary under "Related" (a blank line ended the label's run): other stories' text.
    summary = "Storms are forecast for the weekend, and the council has opened its flood centre early this year."
    lines = read_lines(f"x = compute(y)\nRain fell all night.\nRelated\nFlood centre opens\n\n{summary}")
    assert [line.in_widget for line in lines] == [False, False, False, True, False]
    assert addable(lines, [False, True, False, False, False]) == [True, False, False, False, False]


def test_rules_blocks_keep_their_types_when_lines_are_added() -> None:
    lines = read_lines("Floods\nRain fell all night across the county.\nx = 1\n• Roads closed")
    body = [Block("heading", "Floods"), Block("paragraph", lines[1].text), Block("list_item", "Roads closed")]
    assert rules_kept(lines, body) == [True, True, False, True]
    blocks = with_added_lines(lines, body, [False, False, True, False])
    assert [(b.type, b.text) for b in blocks] == [
        ("heading", "Floods"), ("paragraph", lines[1].text), ("paragraph", "x = 1"), ("list_item", "Roads closed")]


STORM = [
    "Heavy rain and wind battered the coast overnight, and officials closed three roads on Tuesday morning after"
    " trees fell.",
    "Crews worked through the night to clear fallen trees from the harbour road, the council said in a statement.",
    "Forecasters expect more rain on Thursday, with gusts of up to 70 miles an hour along the exposed western shore.",
    "Residents were told to avoid the seafront and to check on elderly neighbours, police said on Wednesday.",
    "The harbour master said two fishing boats had broken their moorings and drifted onto the rocks near the"
    " lighthouse.",
    "Schools in three villages stayed shut, and the bus company cancelled its early services along the coast road.",
    "Power was cut to about 4,000 homes for several hours before engineers restored supplies late on Tuesday.",
    "The council said it would review its flood defences once the weather had settled and the damage was assessed.",
]


def test_the_drop_model_takes_a_shopping_promotion_out_of_the_rules_body_and_keeps_every_paragraph() -> None:
    promo = "Shop the look @ Reve en Vert."
    text = "Storm closes coast roads\nBy Ann Lee\n\n" + "\n\n".join(
        f"{paragraph}\n\n{promo}" if at in (2, 5) else paragraph for at, paragraph in enumerate(STORM))
    rules = [b.text for b in extract_text(text, learned=False).body]
    learned = [b.text for b in extract_text(text).body]
    assert rules.count(promo) == 2
    assert learned.count(promo) < 2
    assert [t for t in learned if t != promo] == STORM


def test_the_drop_model_leaves_tables_and_embedded_posts_alone() -> None:
    from newsdesk.extract.text_line_model import droppable

    lines = read_lines("Rain fell all night.\nBridge\tYear\nOld Bridge\t1911\n"
                       "The closure is long overdue https://t.co/abc123\n— Jane Doe (@janedoe) October 1, 2025")
    # A paragraph, two table rows, an embedded post's text (a short line) and its attribution.
    assert [line.kind for line in lines] == ["prose", "table", "table", "short", "embed"]
    assert droppable(lines, [True] * len(lines)) == [True, False, False, False, False]


def test_the_fitting_script_writes_the_shipped_weights_as_they_are(tmp_path: Path) -> None:
    # A refit must keep the module's form (its "tuple[float, ...]" annotations above all: see test_extract_native).
    from benchmarks.extraction_text import write_line_weights
    from newsdesk.extract import text_line_weights as shipped

    source = Path(shipped.__file__).read_text(encoding="utf-8")
    fitted_on = re.search(r"dev split only \((\d+) pages", source)
    assert fitted_on is not None
    pages = int(fitted_on.group(1))
    written = tmp_path / "weights.py"
    trees = (list(shipped.TREE_FEATURES), list(shipped.TREE_THRESHOLDS), list(shipped.TREE_LEAVES))
    drop_trees = (list(shipped.DROP_TREE_FEATURES), list(shipped.DROP_TREE_THRESHOLDS), list(shipped.DROP_TREE_LEAVES))
    write_line_weights(shipped.WEIGHTS, shipped.BIAS, (shipped.DROP_WEIGHTS, shipped.DROP_BIAS), written, pages,
                       trees, drop_trees)
    assert written.read_text(encoding="utf-8") == source


def test_the_shipped_trees_are_whole_trees_over_the_base_features() -> None:
    # tree_logits reads the trees' shape from the lengths: each tree has 2**depth - 1 inner nodes and 2**depth
    # leaves, and a node reads one of the line's base features (the crossed copies are the logistic model's).
    from newsdesk.extract import text_line_weights as shipped
    from newsdesk.extract.text_line_model import BASE_FEATURES

    for features, thresholds, leaves in [(shipped.TREE_FEATURES, shipped.TREE_THRESHOLDS, shipped.TREE_LEAVES),
                                         (shipped.DROP_TREE_FEATURES, shipped.DROP_TREE_THRESHOLDS,
                                          shipped.DROP_TREE_LEAVES)]:
        count = len(leaves) - len(features)
        assert count > 0 and len(thresholds) == len(features)
        assert len(leaves) // count == (len(leaves) // count) & -(len(leaves) // count)  # a power of two
        assert len(features) == count * (len(leaves) // count - 1)
        assert all(0 <= feature < BASE_FEATURES for feature in features)


def test_the_trees_learn_what_no_logistic_regression_over_the_features_can() -> None:
    # Lines that are body when exactly one of two signals is present (XOR): the logistic fit gets about two
    # lines in three right (the most any line over the two signals can), the trees over it every line.
    import numpy as np

    from benchmarks.extraction_text import fit_lines, fit_trees
    from newsdesk.extract.text_line_model import tree_logits

    rng = np.random.default_rng(0)
    x = (rng.random((400, 2)) < np.array([0.4, 0.6])).astype(float)
    y = (x[:, 0] != x[:, 1]).astype(float)
    sample = [(x, y, np.ones(400))]
    weights, bias = fit_lines(sample)
    linear = x @ np.asarray(weights) + bias
    trees = fit_trees(sample, (weights, bias), 30, 2)
    boosted = linear + tree_logits(x, *trees)
    assert ((linear > 0) == y).mean() < 0.7
    assert ((boosted > 0) == y).mean() == 1.0
    assert fit_trees(sample, (weights, bias), 0, 2) == ([], [], [])



def test_the_fit_options_reach_the_fit() -> None:
    # --line-l2 and --line-rounds are the fit's knobs: a stronger penalty shrinks the weights, and no rounds leave
    # the model where it starts (every chance 0.5).
    import numpy as np

    from benchmarks.extraction_text import LINE_L2, LINE_ROUNDS, fit_lines

    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = (x[:, 0] + 0.3 * rng.normal(size=200) > 0).astype(float)
    sample = [(x, y, np.ones(200))]
    loose, _ = fit_lines(sample, LINE_ROUNDS, LINE_L2)
    tight, _ = fit_lines(sample, LINE_ROUNDS, 1.0)
    assert abs(tight[0]) < abs(loose[0]) / 2 and loose[0] > 0
    assert fit_lines(sample, 0, LINE_L2) == ([0.0, 0.0, 0.0], 0.0)

JAPANESE = [
    "十三日午後、県内の広い範囲で強い雨が降り、気象台は土砂災害への警戒を呼びかけた。川の水位は夕方にかけて上がり、一部の地区では住民が公民館に避難した。",
    "市によると、けが人は出ていないが、市内の道路三か所で冠水が確認され、通行止めが続いている。復旧には数日かかる見通しだという。",
    "気象台は、雨のピークは過ぎたものの、地盤が緩んでいる所があるとして、引き続き崖や川に近づかないよう注意を促している。",
    "県は災害対策本部を設置し、職員を現地に派遣して被害の状況を調べている。知事は記者会見で、早期の復旧に全力を挙げると述べた。",
    "近くに住む七十代の男性は、これほどの雨は何十年も経験したことがないと話し、水が引くまで親戚の家に身を寄せるという。",
]
#: Other stories' headlines under the story: as long as a sentence in characters, but without its stop.
JAPANESE_TEASERS = [
    "新幹線の運転見合わせ続く…大雪で東北と北陸の各線に遅れ、帰省の客らに影響広がる",
    "「年賀状じまい」想定超えた？ 元日配達の数が大きく減り日本郵便も危機感を強める",
    "ロス山火事、なぜここまで被害が…重なった悪条件 州知事は対応の遅れを批判される",
    "プロ野球の新人選手が合同自主トレを公開 監督は開幕一軍へ向けた競争に期待を語る",
]


def test_other_stories_japanese_headlines_under_the_story_stay_out() -> None:
    # Two characters make a word, so each headline counts 20 words; the line model reads the script.
    text = "大雨で川が増水、住民が避難\n\n" + "\n\n".join(JAPANESE + JAPANESE_TEASERS)
    body = [b.text for b in extract_text(text).body]
    assert body[: len(JAPANESE)] == JAPANESE
    assert not set(JAPANESE_TEASERS) & set(body)


SPECS = ["Processor: AMD EPYC with up to 128 cores", "Network: 10 Gbps ports with 100 TB of traffic a month",
         "Setup time: ready-made servers in 15 minutes", "Support: engineers on call around the clock",
         "Storage: NVMe drives up to 30 TB", "Locations: eight data centres in Europe and America",
         "Billing: hourly or monthly, with no setup fee", "Backups: daily snapshots kept for a week"]


def test_a_run_of_label_value_lines_under_the_story_joins_the_body() -> None:
    # The rules end the body at the run of short lines; their "Label: value" shape says they are the story's.
    text = (f"{MENU}\n\nChoosing a private cloud provider\n\n" + "\n\n".join(PARAGRAPHS[:4]) + "\n\nFeatures\n"
            + "\n".join(SPECS) + "\n\n" + PARAGRAPHS[4] + f"\n\n{TEASERS}")
    assert not set(SPECS) & {b.text for b in extract_text(text, learned=False).body}
    body = [b.text for b in extract_text(text).body]
    assert body[:4] == PARAGRAPHS[:4]
    assert sum(spec in body for spec in SPECS) > len(SPECS) // 2


def test_a_summary_cut_short_under_the_story_is_less_likely_body_than_a_finished_sentence() -> None:
    # "..." ends in a stop, but a teaser's summary cut at its length limit is no sentence's end.
    start = ("The city's new tram line opened on Monday after four years of building work, and the first passengers"
             " said the ride")
    chances = []
    for end in (" was smooth.", "..."):
        lines = read_lines("\n\n".join([*STORM[:4], "Trams return to the city", start + end]))
        chances.append(float(body_chances(lines, [True] * 4 + [False, False], [5])[0]))
    finished, cut = chances
    assert cut < finished / 2
