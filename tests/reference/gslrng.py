"""GSL's gsl_rng_mt19937 stream, reproduced with NumPy's legacy MT19937 (RandomState).

Both seed with Matsumoto & Nishimura's 2002 init_genrand(s) and return the same 32-bit
words; GSL maps seed 0 to its default 4357. On top of the words, this module repeats GSL's
gsl_rng_uniform (word / 2^32) and gsl_rng_uniform_int (rejection with scale = 0xffffffff
// n), so that a reference script draws exactly what libbreach draws.

Self-check: GSL's own test suite (rng/test.c) expects the 1000th word from seed 4357 to be
1186927261 (the original mt19937 reference output); `python3 gslrng.py` checks it.
"""
import numpy as np


class GslMt19937:
    def __init__(self, seed):
        seed &= 0xFFFFFFFF
        if seed == 0:
            seed = 4357
        self._rs = np.random.RandomState(seed)
        self._buf = np.empty(0, dtype=np.uint64)
        self._pos = 0

    def get(self):
        if self._pos == len(self._buf):
            # full 32-bit range: RandomState hands out the raw words unchanged
            self._buf = self._rs.randint(0, 2**32, size=4096, dtype=np.uint64)
            self._pos = 0
        v = int(self._buf[self._pos])
        self._pos += 1
        return v

    def uniform(self):
        return self.get() / 4294967296.0

    def uniform_int(self, n):
        if n == 0 or n > 0xFFFFFFFF:
            raise ValueError("n out of range")
        scale = 0xFFFFFFFF // n
        while True:
            k = self.get() // scale
            if k < n:
                return k


if __name__ == "__main__":
    r = GslMt19937(4357)
    for _ in range(999):
        r.get()
    assert r.get() == 1186927261, "stream differs from GSL's mt19937"
    print("ok: GSL mt19937 stream reproduced")
