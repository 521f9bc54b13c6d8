#!/usr/bin/env python3
"""Writes numpy_draws.txt: draws of np.random.default_rng(seed) that NumpyRandom must reproduce.

Run with Debian's numpy (apt-get install python3-numpy): /usr/bin/python3 make_numpy_draws.py > numpy_draws.txt
Each line is `kind seed args : values`, values separated by spaces. Only NumPy is used.
"""
import numpy as np

print(f"# numpy {np.__version__}")
for seed in (0, 1, 12345, 2**32 + 7):
    ss = np.random.SeedSequence(seed).generate_state(8, np.uint32)
    print(f"seedseq {seed} 8 : " + " ".join(str(int(v)) for v in ss))
    st = np.random.default_rng(seed).bit_generator.state["state"]
    print(f"state {seed} 0 : {st['state']} {st['inc']}")
    rng = np.random.default_rng(seed)
    print(f"uint64 {seed} 6 : " + " ".join(str(int(v)) for v in rng.bit_generator.random_raw(6)))
    # rng.choice(n, size=(rows, n)) as used by sacreBLEU's paired bootstrap.
    for n, rows in ((7, 3), (1000, 2), (100000, 1), (3, 50)):
        idx = np.random.default_rng(seed).choice(n, size=(rows, n), replace=True).ravel()
        print(f"choice {seed} {n}x{rows} : " + " ".join(str(int(v)) for v in idx[:400]))
    # rng.integers(2, size=(rows, n), dtype=bool) as used by the approximate randomization test.
    for n, rows in ((5, 3), (37, 4), (1000, 2)):
        sel = np.random.default_rng(seed).integers(2, size=(rows, n), dtype=bool).ravel()
        print(f"bool {seed} {n}x{rows} : " + " ".join("1" if v else "0" for v in sel[:400]))
