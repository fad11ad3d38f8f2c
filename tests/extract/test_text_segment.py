"""The text mode's body: where it starts and ends, and when a text is an article and not a listing."""

from __future__ import annotations

from newsdesk.extract.text import extract_text

MENU = "\n".join(f"区分{n}" for n in range(30))


def test_japanese_article_under_a_long_menu_is_not_a_listing() -> None:
    # Unspaced scripts: a paragraph is one "word" to str.split(), dozens to word_count.
    paragraph = "気象庁は十三日、日向灘で震度五弱の地震があったと発表した。震源の深さは約三十キロと推定される。"
    text = f"{MENU}\n宮崎県で震度5弱、津波注意報\n\n" + "\n\n".join([paragraph] * 3)
    article = extract_text(text)
    assert article.is_article
    assert len(article.body) == 3
    assert article.headline == "宮崎県で震度5弱、津波注意報"
