//! The formulae every report shares, known in advance.
//!
//! Rarity across the corpus is the main test of boilerplate, but it needs a
//! corpus: among five reports a sentence all five share may be a formula or a
//! copy, and the counts cannot tell. The political formulae of these reports
//! are few and fixed by the centre, so they are listed here and taken out of
//! the normalised text before anything is compared: like punctuation, they
//! are not content. A copied passage with a formula inside stays one passage;
//! formulae chained one after another leave nothing to match. Each entry is a
//! phrase real reports use verbatim.

use std::ops::Range;

use crate::normalise::normalise;

const FORMULAE: &[&str] = &[
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "习近平新时代中国特色社会主义思想",
    "深入学习贯彻习近平新时代中国特色社会主义思想",
    "深入学习贯彻习近平法治思想",
    "全面贯彻党的二十大和二十届二中三中全会精神",
    "全面贯彻党的二十大和二十届二中全会精神",
    "全面贯彻落实党的二十大精神",
    "深入学习宣传贯彻党的二十大精神",
    "全面贯彻党的十九大和十九届历次全会精神",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "深刻领悟“两个确立”的决定性意义",
    "坚决维护党中央权威和集中统一领导",
    "认真贯彻落实中共中央、国务院印发的《法治政府建设实施纲要（2021－2025年）》",
    "法治政府建设实施纲要（2021－2025年）",
    "党政主要负责人履行推进法治建设第一责任人职责",
    "统筹推进法治政府建设各项工作",
    "推进严格规范公正文明执法",
    "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度",
    "为全面建设社会主义现代化国家提供有力法治保障",
    "现将有关情况报告如下",
];

/// The formulae, normalised, ready to be found in normalised texts.
pub(crate) struct Formulae {
    /// Longest first, so that the longest formula starting at a place wins.
    units: Vec<Vec<u16>>,
    /// Whether some formula starts with a unit: most units rule it out at once.
    first_units: Vec<bool>,
}

impl Formulae {
    pub(crate) fn new() -> Self {
        let mut units: Vec<Vec<u16>> = FORMULAE
            .iter()
            .map(|formula| {
                let mut units = Vec::new();
                normalise(formula, &(0..usize::MAX), |c, _| {
                    units.extend_from_slice(c.encode_utf16(&mut [0; 2]))
                });
                units
            })
            .filter(|units| !units.is_empty())
            .collect();
        units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        let mut first_units = vec![false; usize::from(u16::MAX) + 1];
        for formula in &units {
            first_units[usize::from(formula[0])] = true;
        }
        Formulae { units, first_units }
    }

    /// Removes every formula from `units[from..]`, the leftmost first, and
    /// the same places from `parallel[from..]` (a vector as long, such as the
    /// original offsets of the units), if given.
    pub(crate) fn strip<T: Copy>(
        &self,
        units: &mut Vec<u16>,
        from: usize,
        parallel: Option<&mut Vec<T>>,
    ) {
        let found = self.find(&units[from..]);
        if found.is_empty() {
            return;
        }
        remove(units, from, &found);
        if let Some(parallel) = parallel {
            remove(parallel, from, &found);
        }
    }

    /// The places of the formulae in `units`, in order, not overlapping.
    fn find(&self, units: &[u16]) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < units.len() {
            let formula = self.first_units[usize::from(units[at])]
                .then(|| self.units.iter().find(|f| units[at..].starts_with(f)))
                .flatten();
            match formula {
                Some(formula) => {
                    found.push(at..at + formula.len());
                    at += formula.len();
                }
                None => at += 1,
            }
        }
        found
    }
}

/// Removes the given ranges (relative to `from`, in order, not overlapping)
/// from `items[from..]`, keeping the rest in order.
fn remove<T: Copy>(items: &mut Vec<T>, from: usize, ranges: &[Range<usize>]) {
    let mut write = from;
    let mut read = from;
    for range in ranges {
        let (start, end) = (from + range.start, from + range.end);
        items.copy_within(read..start, write);
        write += start - read;
        read = end;
    }
    let len = items.len();
    items.copy_within(read..len, write);
    items.truncate(write + len - read);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulae_are_taken_out() {
        let formulae = Formulae::new();
        let text =
            "甲坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想乙。丙";
        let mut units = Vec::new();
        let mut offsets = Vec::new();
        normalise(text, &(0..usize::MAX), |c, offset| {
            units.push(c as u16);
            offsets.push(offset);
        });
        units.insert(0, u16::from(b'x'));
        offsets.insert(0, 99);
        formulae.strip(&mut units, 1, Some(&mut offsets));
        assert_eq!(String::from_utf16_lossy(&units), "x甲乙丙");
        assert_eq!(offsets, [99, 0, 37, 39]);
    }
}
