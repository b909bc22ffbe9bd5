//! A stable merge sort that tolerates any comparator.
//!
//! Rust's `sort_by` may panic when the comparison is not a total order, and a script's comparator
//! can be anything (`() => Math.random() - 0.5`). This sort only ever asks "does the element that
//! came first belong after the other one?", keeps every index in bounds whatever the answers are,
//! and always ends with a permutation of its input. With a consistent comparator it is stable and
//! makes close to the minimum number of comparisons: natural runs (ascending, or strictly
//! descending and reversed) are found first, short runs are grown by binary insertion, and
//! neighbouring runs are merged pairwise, skipping merges whose two runs are already in order.

/// Runs shorter than this are extended by binary insertion before merging.
const MIN_RUN: usize = 32;

/// Sorts the indices `0..len` of some list, comparing them with `after(a, b)`: whether the
/// element at index `a`, which precedes the one at `b`, must come after it (a comparator's
/// "a > b"). Returns the indices in sorted order; stops at the comparator's first error.
pub fn sort_indices<E>(len: usize, mut after: impl FnMut(usize, usize) -> Result<bool, E>) -> Result<Vec<usize>, E> {
    let mut order: Vec<usize> = (0..len).collect();
    if len < 2 {
        return Ok(order);
    }
    let mut runs = Vec::new();
    let mut start = 0;
    while start < len {
        let mut end = start + 1;
        if end < len {
            if after(order[start], order[end])? {
                end += 1;
                while end < len && after(order[end - 1], order[end])? {
                    end += 1;
                }
                // Strictly descending, so reversing keeps equal elements in order.
                order[start..end].reverse();
            } else {
                end += 1;
                while end < len && !after(order[end - 1], order[end])? {
                    end += 1;
                }
            }
        }
        let wanted = (start + MIN_RUN).min(len);
        if end < wanted {
            insertion_sort(&mut order[start..wanted], end - start, &mut after)?;
            end = wanted;
        }
        runs.push((start, end));
        start = end;
    }
    let mut scratch = Vec::new();
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        for pair in runs.chunks(2) {
            match *pair {
                [(lo, mid), (_, hi)] => {
                    merge(&mut order, lo, mid, hi, &mut scratch, &mut after)?;
                    merged.push((lo, hi));
                }
                [run] => merged.push(run),
                _ => {}
            }
        }
        runs = merged;
    }
    Ok(order)
}

/// Binary insertion of `v[sorted..]` into the sorted prefix `v[..sorted]`; an element goes after
/// the ones it equals, which keeps the sort stable.
fn insertion_sort<E>(v: &mut [usize], sorted: usize, after: &mut impl FnMut(usize, usize) -> Result<bool, E>) -> Result<(), E> {
    for i in sorted.max(1)..v.len() {
        let item = v[i];
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if after(v[mid], item)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        v.copy_within(lo..i, lo + 1);
        v[lo] = item;
    }
    Ok(())
}

/// Merges the sorted runs `v[lo..mid]` and `v[mid..hi]`; on ties the left run's element first.
fn merge<E>(
    v: &mut [usize],
    lo: usize,
    mid: usize,
    hi: usize,
    scratch: &mut Vec<usize>,
    after: &mut impl FnMut(usize, usize) -> Result<bool, E>,
) -> Result<(), E> {
    if !after(v[mid - 1], v[mid])? {
        return Ok(()); // already in order (pre-sorted input costs one comparison per merge)
    }
    scratch.clear();
    scratch.extend_from_slice(&v[lo..mid]);
    let (mut left, mut right, mut out) = (0, mid, lo);
    while left < scratch.len() && right < hi {
        if after(scratch[left], v[right])? {
            v[out] = v[right];
            right += 1;
        } else {
            v[out] = scratch[left];
            left += 1;
        }
        out += 1;
    }
    let rest = &scratch[left..];
    v[out..out + rest.len()].copy_from_slice(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sort_indices;
    use std::convert::Infallible;

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    fn sorted_by_key(keys: &[u32]) -> (Vec<usize>, usize) {
        let mut comparisons = 0;
        let order = sort_indices(keys.len(), |a, b| {
            comparisons += 1;
            Ok::<_, Infallible>(keys[a] > keys[b])
        })
        .unwrap();
        (order, comparisons)
    }

    fn check_stable_sorted(keys: &[u32], order: &[usize]) {
        let mut seen = vec![false; keys.len()];
        for &i in order {
            assert!(!seen[i], "index {i} twice");
            seen[i] = true;
        }
        for pair in order.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(keys[a] < keys[b] || (keys[a] == keys[b] && a < b), "not stably sorted at {a}, {b}");
        }
    }

    #[test]
    fn sorts_stably_across_shapes_and_sizes() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for len in [0, 1, 2, 3, 5, 31, 32, 33, 64, 100, 257, 1000, 4096] {
            let shapes: Vec<Vec<u32>> = vec![
                (0..len).map(|_| (rng.next() % 1000) as u32).collect(),
                (0..len).map(|_| (rng.next() % 3) as u32).collect(),
                (0..len as u32).collect(),
                (0..len as u32).rev().collect(),
                (0..len as u32).map(|i| i % 7).collect(),
                vec![5; len],
            ];
            for keys in shapes {
                let (order, _) = sorted_by_key(&keys);
                check_stable_sorted(&keys, &order);
            }
        }
    }

    #[test]
    fn sorted_and_reversed_input_cost_one_pass() {
        let ascending: Vec<u32> = (0..10_000).collect();
        assert_eq!(sorted_by_key(&ascending).1, 9_999);
        let descending: Vec<u32> = (0..10_000).rev().collect();
        assert_eq!(sorted_by_key(&descending).1, 9_999);
    }

    #[test]
    fn random_input_needs_few_comparisons() {
        let mut rng = Rng(42);
        let keys: Vec<u32> = (0..10_000).map(|_| rng.next() as u32).collect();
        let (_, comparisons) = sorted_by_key(&keys);
        // log2(10000!) ≈ 118,458 is the minimum; n·log2(n) ≈ 132,877.
        assert!(comparisons < 125_000, "{comparisons} comparisons");
    }

    #[test]
    fn any_comparator_gives_a_permutation() {
        let mut rng = Rng(7);
        for len in [2, 10, 33, 100, 1000] {
            let order = sort_indices(len, |_, _| Ok::<_, Infallible>(rng.next() % 2 == 0)).unwrap();
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..len).collect::<Vec<_>>());
        }
    }

    #[test]
    fn stops_at_the_first_error() {
        let mut calls = 0;
        let result = sort_indices(100, |a, b| {
            calls += 1;
            if calls == 10 { Err("boom") } else { Ok(a > b) }
        });
        assert_eq!(result, Err("boom"));
        assert_eq!(calls, 10);
    }
}
