//! Fingerprints of a normalised text: winnowed hashes of its shingles.
//!
//! This module owns the hashing of shingles (runs of `shingle` consecutive
//! normalised UTF-16 units) and winnowing (Schleimer, Wilkerson & Aiken,
//! SIGMOD 2003, the method of MOSS): of every `window` consecutive shingle
//! hashes the smallest is selected (the rightmost on ties), and each selected
//! position is reported once. Two texts sharing a run of at least
//! `window + shingle - 1` units therefore share at least one fingerprint, while
//! only about `2 / (window + 1)` of the positions are kept.
//!
//! It does not know about documents or the corpus; the index does.

/// The multiplier of the rolling polynomial hash (odd, so every unit counts).
const BASE: u64 = 0x0000_0100_0000_01B3;

/// Shingles longer than this are cut to it: far beyond any useful setting,
/// and it keeps `BASE^(shingle - 1)` cheap to compute.
pub(crate) const MAX_SHINGLE: usize = 256;

/// Calls `select(position, hash)` for each fingerprint of `units`, in
/// increasing position. `hashes` is scratch space, reused between texts.
/// A text with fewer than `window` shingles still gets its smallest one.
pub(crate) fn winnow(
    units: &[u16],
    shingle: usize,
    window: usize,
    hashes: &mut Vec<u64>,
    mut select: impl FnMut(usize, u64),
) {
    let shingle = shingle.clamp(1, MAX_SHINGLE);
    if units.len() < shingle {
        return;
    }
    hashes.clear();
    hashes.extend(shingle_hashes(units, shingle));
    let window = window.clamp(1, hashes.len());
    let mut smallest = None;
    for end in window - 1..hashes.len() {
        let start = end + 1 - window;
        let at = match smallest {
            Some(at) if at >= start && hashes[end] > hashes[at] => at,
            Some(at) if at >= start => end,
            // The smallest left the window: look for it again. With random
            // hashes that happens about every `window / 2` shingles, so the
            // rescans cost about two comparisons per shingle.
            _ => start + rightmost_smallest(&hashes[start..=end]),
        };
        if smallest != Some(at) {
            select(at, hashes[at]);
            smallest = Some(at);
        }
    }
}

/// The position of the smallest hash, the rightmost of equals.
fn rightmost_smallest(hashes: &[u64]) -> usize {
    let mut best = 0;
    for (i, &hash) in hashes.iter().enumerate() {
        if hash <= hashes[best] {
            best = i;
        }
    }
    best
}

/// The hash of each shingle of `units` (`shingle` ≥ 1, at most `units.len()`),
/// rolled from one to the next, then mixed so that the smallest hashes fall on
/// positions unrelated to the text.
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

    fn fingerprints(text: &str, shingle: usize, window: usize) -> Vec<(usize, u64)> {
        let mut found = Vec::new();
        winnow(&units(text), shingle, window, &mut Vec::new(), |p, h| {
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
    fn every_window_holds_a_fingerprint() {
        let text = "二〇二三年我区深入推进法治政府建设严格规范公正文明执法全面提升依法行政水平";
        let (shingle, window) = (4, 6);
        let found = fingerprints(text, shingle, window);
        let shingles = text.chars().count() - shingle + 1;
        for start in 0..=shingles - window {
            assert!(
                found
                    .iter()
                    .any(|&(p, _)| (start..start + window).contains(&p)),
                "window at {start} has no fingerprint: {found:?}"
            );
        }
        assert!(found.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(found.len() < shingles);
    }

    #[test]
    fn shared_text_shares_fingerprints() {
        let common = "行政复议决定书网上公开率达到百分之百";
        let a = fingerprints(&format!("甲方开头{common}结尾一"), 5, 4);
        let b = fingerprints(&format!("完全不同的乙方开头{common}二"), 5, 4);
        assert!(a.iter().any(|(_, h)| b.iter().any(|(_, g)| g == h)));
    }

    #[test]
    fn short_and_degenerate_texts() {
        assert!(fingerprints("", 5, 4).is_empty());
        assert!(fingerprints("四个字符", 5, 4).is_empty());
        assert_eq!(fingerprints("五个字符了", 5, 4).len(), 1);
        assert_eq!(fingerprints("六个字符了啊", 5, 40).len(), 1);
        assert!(!fingerprints("aaaaaaaaaaaa", 0, 0).is_empty());
    }
}
