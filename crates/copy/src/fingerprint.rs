//! Fingerprints of a normalised text: the hashes of its shingles, sampled.
//!
//! This module owns the hashing of shingles (runs of `shingle` consecutive
//! normalised UTF-16 units) and the choice of those kept as fingerprints: the
//! ones whose hash is divisible by `keep_one_in` (Manber's "0 mod p"). The
//! choice depends on the shingle alone, never on its neighbours, so a shingle
//! kept in one text is kept in every text that has it, and counting the texts
//! that keep a hash counts the texts that have the shingle.
//!
//! Winnowing (MOSS) keeps the smallest hash of each window instead, which
//! guarantees a fingerprint in every window but makes the choice depend on
//! the text around the shingle: a phrase thousands of reports share is kept
//! only by those where its neighbours happen to hash higher, and so looks
//! rare. Sampling trades the guarantee for a probability: a shared run with
//! `n` shingles goes without a fingerprint with probability
//! `(1 − 1/keep_one_in)^n`, 0.6 % for a run of 50 characters with the
//! defaults, 0.01 % for 80.
//!
//! It does not know about documents or the corpus; the index does.

/// The multiplier of the rolling polynomial hash (odd, so every unit counts).
const BASE: u64 = 0x0000_0100_0000_01B3;

/// Shingles longer than this are cut to it: far beyond any useful setting,
/// and it keeps `BASE^(shingle - 1)` cheap to compute.
pub(crate) const MAX_SHINGLE: usize = 256;

/// Calls `keep(position, hash)` for each fingerprint of `units`, in
/// increasing position.
pub(crate) fn sample(
    units: &[u16],
    shingle: usize,
    keep_one_in: usize,
    mut keep: impl FnMut(usize, u64),
) {
    let shingle = shingle.clamp(1, MAX_SHINGLE);
    if units.len() < shingle {
        return;
    }
    let one_in = keep_one_in.max(1) as u64;
    for (position, hash) in shingle_hashes(units, shingle).enumerate() {
        if hash % one_in == 0 {
            keep(position, hash);
        }
    }
}

/// The hash of each shingle of `units` (`shingle` ≥ 1, at most `units.len()`),
/// rolled from one to the next, then mixed so that which are kept is
/// unrelated to the text.
pub(crate) fn shingle_hashes(units: &[u16], shingle: usize) -> impl Iterator<Item = u64> + '_ {
    let lead = BASE.wrapping_pow(shingle.saturating_sub(1) as u32);
    let mut rolling = units.iter().take(shingle).fold(0u64, |h, &u| {
        h.wrapping_mul(BASE).wrapping_add(u64::from(u))
    });
    let first = std::iter::once(rolling);
    let rest = units
        .iter()
        .zip(units.iter().skip(shingle))
        .map(move |(&gone, &new)| {
            rolling = rolling
                .wrapping_sub(u64::from(gone).wrapping_mul(lead))
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(new));
            rolling
        });
    first.chain(rest).map(mix)
}

/// The finaliser of SplitMix64: every input bit affects every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    fn fingerprints(text: &str, shingle: usize, keep_one_in: usize) -> Vec<(usize, u64)> {
        let mut found = Vec::new();
        sample(&units(text), shingle, keep_one_in, |p, h| {
            found.push((p, h))
        });
        found
    }

    #[test]
    fn rolling_equals_direct() {
        let text = units("坚持以习近平新时代中国特色社会主义思想为指导");
        let rolled: Vec<u64> = shingle_hashes(&text, 5).collect();
        let direct: Vec<u64> = text
            .windows(5)
            .map(|w| shingle_hashes(w, 5).next().unwrap_or_default())
            .collect();
        assert_eq!(rolled, direct);
        assert_eq!(rolled.len(), text.len() - 4);
    }

    #[test]
    fn a_shingle_is_kept_for_itself_alone() {
        let text = "二〇二三年我区深入推进法治政府建设严格规范公正文明执法全面提升依法行政水平";
        let found = fingerprints(text, 4, 3);
        let expected: Vec<(usize, u64)> = shingle_hashes(&units(text), 4)
            .enumerate()
            .filter(|(_, h)| h % 3 == 0)
            .collect();
        assert_eq!(found, expected);
        assert!(!found.is_empty() && found.len() < text.chars().count() / 2);
        // The same shingles in another context are kept the same.
        let context = fingerprints(&format!("完全不同的开头{text}"), 4, 3);
        let hashes = |f: &[(usize, u64)]| f.iter().map(|&(_, h)| h).collect::<Vec<_>>();
        assert!(hashes(&context).ends_with(&hashes(&found)));
    }

    #[test]
    fn short_and_degenerate_texts() {
        assert!(fingerprints("", 5, 1).is_empty());
        assert!(fingerprints("四个字符", 5, 1).is_empty());
        assert_eq!(fingerprints("五个字符了", 5, 1).len(), 1);
        assert_eq!(fingerprints("aaaaaaaaaaaa", 0, 0).len(), 12);
        assert_eq!(fingerprints("aaaaaaaaaaaa", usize::MAX, 1).len(), 0);
    }
}
