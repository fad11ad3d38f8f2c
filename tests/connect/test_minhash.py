"""MinHash signatures: stable across processes, accurate enough to find copies, banded for LSH."""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np

from newsdesk.connect.minhash import BANDS, NUM_PERM, band_keys, containment, jaccard, shingle_counts, signatures

STORY = ("The coalition will scale back its mission in Iraq by the end of September, the Pentagon said on "
         "Tuesday, and forces will leave the federal territory by the end of 2026 under the agreement reached "
         "with the government in Baghdad after months of talks between the two sides about the future of the "
         "troops stationed at bases across the country.")


def _words_jaccard(a: str, b: str, k: int = 5) -> float:
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = text.lower().replace(",", " ").replace(".", " ").split()
        return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_estimate_is_close_to_the_true_jaccard_similarity() -> None:
    words = STORY.split()
    edited = " ".join([*words[:30], "reportedly", *words[30:]])
    sigs = signatures([STORY, edited])
    truth = _words_jaccard(STORY, edited)
    assert 0.6 < truth < 0.95
    assert abs(float(jaccard(sigs[0], sigs[1])) - truth) < 0.15


def test_unrelated_texts_do_not_share_a_band() -> None:
    other = ("Heavy rain flooded the old town overnight and the river rose above its banks, forcing hundreds of "
             "residents to leave their homes while firefighters pumped water out of cellars along the quay.")
    keys = band_keys(signatures([STORY, other]))
    assert keys.shape == (2, BANDS)
    assert not (keys[0] == keys[1]).any()


def test_signatures_are_the_same_in_another_process() -> None:
    code = ("import sys; from newsdesk.connect.minhash import signatures; "
            "sys.stdout.write(signatures([sys.argv[1]])[0].tobytes().hex())")
    # A different PYTHONHASHSEED would change anything built on Python's str hash.
    out = subprocess.run([sys.executable, "-c", code, STORY], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": ""}).stdout
    assert bytes.fromhex(out) == signatures([STORY])[0].tobytes()


def test_batch_equals_one_by_one_and_pickles() -> None:
    texts = [STORY, "", "Short one.", STORY.upper(), " ".join([STORY] * 40)]
    batch = signatures(texts)
    assert batch.dtype == np.uint32 and batch.shape == (len(texts), NUM_PERM)
    for i, text in enumerate(texts):
        assert (signatures([text])[0] == batch[i]).all()
    assert (pickle.loads(pickle.dumps(batch)) == batch).all()
    # Case does not matter: the same words give the same signature.
    assert (batch[0] == batch[3]).all()


def test_containment_of_a_quoted_paragraph() -> None:
    paragraph = " ".join(STORY.split()[:25])
    sigs = signatures([paragraph, STORY])
    sizes = shingle_counts([paragraph, STORY])
    similarity = float(jaccard(sigs[0], sigs[1]))
    assert similarity < 0.7
    assert containment(similarity, int(sizes[0]), int(sizes[1])) > 0.8
